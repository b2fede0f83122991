"""Runs course notebooks with papermill through the installed Java kernel, with parameters.

    python notebooks/run_papermill.py                       the check CI runs (below)
    python notebooks/run_papermill.py IN.ipynb OUT.ipynb -p nap 0.25 [papermill's other options]

papermill writes the parameters it is given as a cell of code in the notebook's language, after the cell
tagged "parameters". It knows no Java, so this script registers a translator for the language "java" and
then is papermill's own command line. The translator writes plain Java assignments (`nap = 0.25;`), so
each parameter keeps the type that the parameters cell declares it with.

The check: 00-index.ipynb has a parameters cell (`double nap = 0.5;`); it is run with nap = 0.25, and
must pass its own checks with the injected value, which its output then shows.
"""
import math
import os
import re
import sys
import tempfile

import nbformat
import papermill
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
os.environ.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
# A declaration on one line: `double nap = 0.5;   // help`
DECLARATION = re.compile(r"^\s*(?:final\s+)?([\w.<>\[\], ?]+?)\s+(\w+)\s*=\s*(.+?);\s*(?://\s*(.*))?$")


class JavaTranslator(Translator):
    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_str(cls, val):
        out = []
        for ch in val:
            code = ord(ch)
            if ch in '"\\':
                out.append("\\" + ch)
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif 0x20 <= code < 0x7F:
                out.append(ch)
            elif code <= 0xFFFF:
                out.append("\\u%04x" % code)
            else:  # a UTF-16 surrogate pair
                code -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
        return '"' + "".join(out) + '"'

    @classmethod
    def translate_int(cls, val):
        return str(val) if -2**31 <= val < 2**31 else str(val) + "L"

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "Double.NaN"
        if math.isinf(val):
            return "Double.POSITIVE_INFINITY" if val > 0 else "Double.NEGATIVE_INFINITY"
        return repr(val)

    @classmethod
    def translate_list(cls, val):
        return "List.of(" + ", ".join(cls.translate(v) for v in val) + ")"

    @classmethod
    def translate_dict(cls, val):
        entries = ", ".join("Map.entry(%s, %s)" % (cls.translate_str(str(k)), cls.translate(v)) for k, v in val.items())
        return "Map.ofEntries(" + entries + ")"

    @classmethod
    def inspect(cls, parameters_cell):
        found = []
        for line in parameters_cell["source"].splitlines():
            m = DECLARATION.match(line)
            if m:
                kind, name, default, help_text = m.groups()
                found.append(Parameter(name=name, inferred_type_name=kind, default=default, help=help_text or ""))
        return found

    @classmethod
    def comment(cls, cmt_str):
        return "// " + cmt_str.strip()

    @classmethod
    def assign(cls, name, str_val):
        return "%s = %s;" % (name, str_val)


papermill_translators.register("java", JavaTranslator)


def check():
    source = os.path.join(HERE, "00-index.ipynb")
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "00-index.out.ipynb")
        papermill.execute_notebook(source, target, parameters={"nap": 0.25}, kernel_name=KERNEL,
                                   cwd=HERE, progress_bar=False, execution_timeout=120)
        nb = nbformat.read(target, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1, "papermill injected one parameters cell"
    assert injected[0].source.strip().endswith("nap = 0.25;"), injected[0].source
    out = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.output_type == "stream")
    print(out.strip())
    assert "\u2714 the coroutine slept for 0.25 s" in out, "the notebook ran with nap = 0.25"
    print("papermill: 00-index.ipynb ran with nap = 0.25 and passed its checks")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    if len(sys.argv) == 1:
        check()
    else:
        from papermill.cli import papermill as cli
        cli.main(args=sys.argv[1:], prog_name="run_papermill.py")

"""Executes the course notebooks headless through the installed Java kernel and fails on any error.

    .venv/bin/python notebooks/run_notebooks.py              run every notebook, check, print times
    .venv/bin/python notebooks/run_notebooks.py 06 08        only the notebooks whose names start so
    .venv/bin/python notebooks/run_notebooks.py --write      the same, and save the outputs into the files

(the Python of the Jupyter that ./install.sh installed the kernel into: ./install.sh --python prints it)

A notebook fails when a cell raises (a failed self-check raises AssertionError "claim failed: ..."),
when a cell prints to stderr a line saying that a claim failed, when a loop-state magic's cell shows
no picture or table, or when the notebook takes longer than its budget.

One allowance, for while the loop-state magics (issue 5) are being built: a cell that starts with
one of those magics, and fails only because the kernel does not know it yet, is reported as
"waits on %magic" and does not fail the run; likewise a cell tagged "top-level-await" while the
kernel has no %autoawait. As soon as the kernel lists the magic in %lsmagic, such cells are held to
the same rule as every other cell.
"""
import argparse
import glob
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
os.environ.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
BUDGET_SECONDS = 60          # "well under a minute" each; the run fails beyond this
CELL_TIMEOUT_SECONDS = 120

# The loop-state magics of issue 5, and what each must show when it exists.
LOOP_MAGICS = {"loop", "tasks", "where", "cancel", "timeline", "trace", "live", "asyncio", "autoawait"}
# A timeline carries a PNG (and HTML showing it) beside the SVG, for the renderers that strip SVG.
MUST_SHOW = {"timeline": ["image/svg+xml", "image/png", "text/html"], "loop": ["text/html"]}
MAGIC_LINE = re.compile(r"^\s*%%?([A-Za-z_][\w-]*)")


def text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def kernel_magics():
    """The magics the installed kernel knows, from its %lsmagic."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("%lsmagic"))
    NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT_SECONDS, allow_errors=True).execute()
    listing = " ".join(text(o.get("text")) for o in nb.cells[0].outputs)
    return set(re.findall(r"%%?([A-Za-z_][\w-]*)", listing))


def cell_magic(cell):
    first = cell.source.lstrip().split("\n", 1)[0]
    m = MAGIC_LINE.match(first)
    return m.group(1) if m else None


def check_notebook(nb, known):
    """Returns (failures, waiting): lists of human-readable lines."""
    failures, waiting = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = "cell %d" % index
        errors = [o for o in cell.outputs if o.output_type == "error"]
        stderr = "".join(text(o.get("text")) for o in cell.outputs
                         if o.output_type == "stream" and o.get("name") == "stderr")
        magic = cell_magic(cell)
        tags = cell.metadata.get("tags", [])
        if errors:
            error = errors[0]
            message = "%s: %s" % (error.get("ename"), error.get("evalue"))
            if magic in LOOP_MAGICS and magic not in known and "unknown magic" in message:
                waiting.append("%s waits on %%%s" % (where, magic))
            elif "top-level-await" in tags and "autoawait" not in known:
                waiting.append("%s waits on top-level await (%%autoawait)" % where)
            else:
                failures.append("%s failed: %s" % (where, message.strip()[:500]))
            continue
        if "claim failed" in stderr:
            failures.append("%s: %s" % (where, stderr.strip()[:500]))
        if magic in MUST_SHOW and magic in known:
            kinds = {k for o in cell.outputs for k in o.get("data", {})}
            missing = [k for k in MUST_SHOW[magic] if k not in kinds]
            if missing:
                failures.append("%s: %%%s showed no %s (it showed %s)"
                                % (where, magic, " or ".join(missing), sorted(kinds) or "nothing"))
    return failures, waiting


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="run only the notebooks whose file names start with these")
    parser.add_argument("--write", action="store_true", help="save each executed notebook, outputs included")
    args = parser.parse_args()

    paths = sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.ipynb")))
    if args.only:
        paths = [p for p in paths if any(os.path.basename(p).startswith(o) for o in args.only)]
    if not paths:
        print("run_notebooks: no notebook matches %s" % args.only)
        return 2

    known = kernel_magics()
    print("kernel %s; loop-state magics it has: %s" % (KERNEL, " ".join(sorted(LOOP_MAGICS & known)) or "none yet"))
    passed, failed, all_waiting = 0, 0, []
    total_start = time.monotonic()
    for path in paths:
        name = os.path.basename(path)
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT_SECONDS, allow_errors=True,
                                record_timing=False, resources={"metadata": {"path": HERE}})
        start = time.monotonic()
        try:
            client.execute()
            failures, waiting = check_notebook(nb, known)
        except Exception as e:  # the kernel died, a cell timed out...
            failures, waiting = ["%s: %s" % (type(e).__name__, str(e).strip()[:500])], []
        seconds = time.monotonic() - start
        if seconds > BUDGET_SECONDS:
            failures.append("took %.1f s, over the budget of %d s" % (seconds, BUDGET_SECONDS))
        checks = sum(text(o.get("text")).count("\u2714 ") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")
        status = "FAIL" if failures else "ok"
        print("%-4s %-34s %5.1f s  %2d checks%s" % (status, name, seconds, checks,
                                                     "  (%d cells wait on magics)" % len(waiting) if waiting else ""))
        for line in failures:
            print("       " + line)
        for line in waiting:
            all_waiting.append("%s %s" % (name, line))
        if failures:
            failed += 1
        else:
            passed += 1
        if args.write:
            nbformat.write(nb, path)
        sys.stdout.flush()

    if all_waiting:
        print("Waiting on features of the kernel (not failures):")
        for line in all_waiting:
            print("  " + line)
    print("notebooks: %.1f s in all" % (time.monotonic() - total_start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Executes the course notebooks headless through the installed Java kernel and fails on any error.

    .venv/bin/python notebooks/run_notebooks.py              run every notebook, check, print times
    .venv/bin/python notebooks/run_notebooks.py 06 08        only the notebooks whose names start so
    .venv/bin/python notebooks/run_notebooks.py --write      the same, and save the outputs into the files
    .venv/bin/python notebooks/run_notebooks.py --busy-core  with another process keeping one core busy (CI)

(the Python of the Jupyter that ./install.sh installed the kernel into: ./install.sh --python prints it)

A notebook fails when a cell raises (a failed self-check raises AssertionError "claim failed: ..."),
when a cell prints to stderr a line saying that a claim failed, when a cell prints a line starting with ✘ (an
exercise's check found a wrong answer: a stored notebook holds either the starter, "○ not tried yet", or a
right answer), when a cell uses a magic the kernel does
not list in %lsmagic, when a loop-state magic's cell shows no picture or table, or when the notebook
takes longer than its budget.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
os.environ.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
BUDGET_SECONDS = 60          # "well under a minute" each; the run fails beyond this
CELL_TIMEOUT_SECONDS = 120

# The loop-state magics the course uses; the kernel must have every one.
LOOP_MAGICS = {"loop", "tasks", "where", "step", "cancel", "timeline", "trace", "live", "asyncio", "autoawait"}
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
    """The notebook's failures, as human-readable lines."""
    failures = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = "cell %d" % index
        errors = [o for o in cell.outputs if o.output_type == "error"]
        stderr = "".join(text(o.get("text")) for o in cell.outputs
                         if o.output_type == "stream" and o.get("name") == "stderr")
        magic = cell_magic(cell)
        if magic is not None and magic not in known:
            failures.append("%s uses %%%s, which the kernel does not have" % (where, magic))
        if errors:
            error = errors[0]
            message = "%s: %s" % (error.get("ename"), error.get("evalue"))
            failures.append("%s failed: %s" % (where, message.strip()[:500]))
            continue
        if "claim failed" in stderr:
            failures.append("%s: %s" % (where, stderr.strip()[:500]))
        stdout = "".join(text(o.get("text")) for o in cell.outputs if o.output_type == "stream")
        wrong = [line for line in stdout.splitlines() if line.lstrip().startswith("\u2718")]
        if wrong:
            failures.append("%s: an exercise's check said %s" % (where, wrong[0].strip()[:500]))
        if magic in MUST_SHOW:
            kinds = {k for o in cell.outputs for k in o.get("data", {})}
            missing = [k for k in MUST_SHOW[magic] if k not in kinds]
            if missing:
                failures.append("%s: %%%s showed no %s (it showed %s)"
                                % (where, magic, " or ".join(missing), sorted(kinds) or "nothing"))
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("only", nargs="*", help="run only the notebooks whose file names start with these")
    parser.add_argument("--write", action="store_true", help="save each executed notebook, outputs included")
    parser.add_argument("--busy-core", action="store_true",
                        help="keep one core busy with another process meanwhile, as on a shared machine (Binder)")
    args = parser.parse_args()
    if args.busy_core:
        with BusyCore():
            return run(args)
    return run(args)


class BusyCore:
    """Another process spinning on one core for as long as the run lasts; the run must pass all the same."""

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        print("run_notebooks: process %d keeps one core busy" % self.process.pid)
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()
        return False


def run(args):
    paths = sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.ipynb")))
    if args.only:
        paths = [p for p in paths if any(os.path.basename(p).startswith(o) for o in args.only)]
    if not paths:
        print("run_notebooks: no notebook matches %s" % args.only)
        return 2

    known = kernel_magics()
    missing = LOOP_MAGICS - known
    if missing:
        print("run_notebooks: the kernel %s lacks the loop-state magics %s" % (KERNEL, " ".join(sorted(missing))))
        return 1
    passed, failed = 0, 0
    total_start = time.monotonic()
    for path in paths:
        name = os.path.basename(path)
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT_SECONDS, allow_errors=True,
                                record_timing=False, resources={"metadata": {"path": HERE}})
        start = time.monotonic()
        try:
            client.execute()
            failures = check_notebook(nb, known)
        except Exception as e:  # the kernel died, a cell timed out...
            failures = ["%s: %s" % (type(e).__name__, str(e).strip()[:500])]
        seconds = time.monotonic() - start
        if seconds > BUDGET_SECONDS:
            failures.append("took %.1f s, over the budget of %d s" % (seconds, BUDGET_SECONDS))
        checks = sum(text(o.get("text")).count("\u2714 ") for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if o.output_type == "stream")
        status = "FAIL" if failures else "ok"
        print("%-4s %-34s %5.1f s  %2d checks" % (status, name, seconds, checks))
        for line in failures:
            print("       " + line)
        if failures:
            failed += 1
        else:
            passed += 1
        if args.write:
            nbformat.write(nb, path)
        sys.stdout.flush()

    print("notebooks: %.1f s in all" % (time.monotonic() - total_start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

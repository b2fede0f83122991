"""course: the whole course, every notebook executed headless through the installed kernel, as CI and a teacher
run it (notebooks/run_notebooks.py); reports the wall time of the run and how many notebooks it executed.

    python3 course.py        (JUPYTER_PATH must lead to the kernelspec java-asyncrt)
"""
import glob
import os
import subprocess
import sys
import time

from common import report

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    notebooks = len(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))
    began = time.perf_counter()
    done = subprocess.run([sys.executable, os.path.join(ROOT, "notebooks", "run_notebooks.py")],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit("the course failed:\n" + done.stdout[-4000:] + done.stderr[-4000:])
    report("course", seconds=round(seconds, 1), notebooks=notebooks)


if __name__ == "__main__":
    main()

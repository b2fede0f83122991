"""The course notebooks' stored outputs speak of the learner's code, never of the kernel's plumbing: no JShell
wrapper names ($JShell$12, REPL.), no do_it, no javac lambda names (lambda$main$0). Run by ./install.sh --test."""
import glob
import json
import os
import re
import unittest

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
PLUMBING = re.compile(r"\$JShell\$|\bREPL\.|\bdo_it\b|lambda\$")


def plumbing_in(notebook):
    """(cell index, excerpt) for each stored output that shows a name of the kernel's plumbing."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        for output in cell.get("outputs", []):
            text = json.dumps(output, ensure_ascii=False)
            match = PLUMBING.search(text)
            if match:
                found.append((index, text[max(0, match.start() - 60):match.end() + 40]))
    return found


class NotebookOutputs(unittest.TestCase):

    def test_the_check_finds_plumbing_names(self):
        leaky = {"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["7   Task-7   running  do_it()\n"]},
            {"output_type": "display_data", "data": {"text/plain": "<Handle $JShell$119.<lambda>()>"}},
            {"output_type": "stream", "name": "stderr", "text": "at REPL.$JShell$3.lambda$half$0"}]}]}
        self.assertEqual(3, len(plumbing_in(leaky)))
        clean = {"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "7  In [4]  running  <lambda> (In [4], line 2)\n"}]}]}
        self.assertEqual([], plumbing_in(clean))

    def test_no_course_notebook_output_shows_the_kernels_plumbing(self):
        paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb")))
        self.assertGreaterEqual(len(paths), 18)
        for path in paths:
            with open(path, encoding="utf-8") as f:
                found = plumbing_in(json.load(f))
            self.assertEqual([], found, os.path.basename(path))


if __name__ == "__main__":
    unittest.main()

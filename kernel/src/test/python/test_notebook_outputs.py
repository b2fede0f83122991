"""The course notebooks as stored: their outputs speak of the learner's code, never of the kernel's plumbing (no
JShell wrapper names such as $JShell$12 or REPL., no do_it, no javac lambda names such as lambda$main$0, no class of
the kernel, no log line such as asyncrt's backend INFO); the helpers come from course.jsh; check-only cells are
tagged and collapsed; every section notebook has an exercise with a check and a solution; the course uses the loop
magics; and no stored output shows a failed claim or a wrong exercise answer. Run by ./install.sh --test."""
import glob
import json
import os
import re
import unittest

NOTEBOOKS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks")
PLUMBING = re.compile(r"\$JShell\$|\bREPL\.|\bdo_it\b|lambda\$|\basyncrt\.kernel\.|\bjdk\.jshell\.|^(INFO|WARNING|SEVERE): ", re.M)
SECTIONS = ["%02d" % n for n in range(1, 18)]
MAGICS_THE_COURSE_USES = ["%trace on", "%%live", "%where ", "%asyncio debug on", "%%timeline", "%tasks", "%loop", "%cancel "]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source(cell):
    return "".join(cell.get("source", ""))


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def stream_text(cell):
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def notebooks():
    paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb")))
    return {os.path.basename(p)[:2]: (os.path.basename(p), load(p)) for p in paths}


def plumbing_in(notebook):
    """(cell index, excerpt) for each stored output that shows a name of the kernel's plumbing."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        for output in cell.get("outputs", []):
            text = json.dumps(output, ensure_ascii=False)
            match = PLUMBING.search(text) or PLUMBING.search(stream_text({"outputs": [output]}))
            if match:
                found.append((index, text[max(0, match.start() - 60):match.end() + 40]))
    return found


class NotebookOutputs(unittest.TestCase):

    def test_the_check_finds_plumbing_names(self):
        leaky = {"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["7   Task-7   running  do_it()\n"]},
            {"output_type": "display_data", "data": {"text/plain": "<Handle $JShell$119.<lambda>()>"}},
            {"output_type": "stream", "name": "stderr", "text": "at REPL.$JShell$3.lambda$half$0"},
            {"output_type": "stream", "name": "stderr", "text": ["x\n", "INFO: asyncrt: coroutines run on the continuation backend\n"]},
            {"output_type": "stream", "name": "stderr", "text": "at asyncrt.kernel.execution.CellRunner.run"}]}]}
        self.assertEqual(5, len(plumbing_in(leaky)))
        clean = {"cells": [{"cell_type": "code", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "7  In [4]  running  <lambda> (In [4], line 2)\n"}]}]}
        self.assertEqual([], plumbing_in(clean))

    def test_no_course_notebook_output_shows_the_kernels_plumbing(self):
        paths = sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb")))
        self.assertGreaterEqual(len(paths), 19)
        for path in paths:
            found = plumbing_in(load(path))
            self.assertEqual([], found, os.path.basename(path))


class CourseShape(unittest.TestCase):
    """How the notebooks are put together."""

    @classmethod
    def setUpClass(cls):
        cls.notebooks = notebooks()

    def test_every_notebook_loads_the_helpers_from_course_jsh_and_defines_none_itself(self):
        for key, (name, nb) in self.notebooks.items():
            code = [c for c in nb["cells"] if c["cell_type"] == "code"]
            self.assertEqual("%load course.jsh", source(code[0]).strip(), name)
            self.assertFalse(any("void check(boolean" in source(c) for c in code), name)
        self.assertTrue(os.path.isfile(os.path.join(NOTEBOOKS, "course.jsh")))

    def test_check_only_cells_are_tagged_and_collapsed(self):
        for key, (name, nb) in self.notebooks.items():
            for index, cell in enumerate(nb["cells"]):
                if "check" in tags(cell):
                    self.assertTrue(cell["metadata"].get("jupyter", {}).get("source_hidden"), "%s cell %d" % (name, index))
                    self.assertIn("\u2714 ", stream_text(cell), "%s cell %d: a check cell that states nothing" % (name, index))

    def test_every_section_notebook_has_an_exercise_with_a_check_and_a_solution(self):
        for key in SECTIONS:
            name, nb = self.notebooks[key]
            cells = nb["cells"]
            starters = [c for c in cells if "exercise" in tags(c) and "check" not in tags(c)]
            checks = [c for c in cells if "exercise" in tags(c) and "check" in tags(c)]
            solutions = [c for c in cells if "solution" in tags(c)]
            self.assertTrue(starters, name + ": no exercise cell")
            self.assertTrue(checks and all(re.search(r"\b(predict|exercise)\(", source(c)) for c in checks), name + ": no exercise check")
            self.assertTrue(solutions and all(source(c).startswith("<details>") for c in solutions), name + ": no hidden solution")
            verdicts = "".join(stream_text(c) for c in checks)
            self.assertIn("the check is sound", verdicts, name + ": the check did not prove its solution")
            self.assertRegex(verdicts, "(?m)^[\u25cb\u2714] Exercise", name + ": no verdict stored")
            self.assertTrue(any(source(c).lstrip().startswith("### Exercise") for c in cells), name + ": no exercise heading")

    def test_the_course_uses_the_loop_magics(self):
        code = "\n".join(source(c) for _, nb in self.notebooks.values() for c in nb["cells"] if c["cell_type"] == "code")
        for magic in MAGICS_THE_COURSE_USES:
            self.assertIn(magic, code)

    def test_no_stored_output_shows_a_failed_claim_or_a_wrong_answer(self):
        for key, (name, nb) in self.notebooks.items():
            for index, cell in enumerate(nb["cells"]):
                for output in cell.get("outputs", []):
                    self.assertNotEqual("error", output.get("output_type"), "%s cell %d" % (name, index))
                text = stream_text(cell)
                self.assertNotIn("claim failed", text, "%s cell %d" % (name, index))
                self.assertNotRegex(text, "(?m)^\u2718", "%s cell %d" % (name, index))

    def test_the_mistakes_notebook_is_in_the_index(self):
        self.assertIn("18", self.notebooks)
        index = "".join(source(c) for c in self.notebooks["00"][1]["cells"])
        self.assertIn("18-common-mistakes.ipynb", index)


if __name__ == "__main__":
    unittest.main()

"""The course's checks can fail. Every ✔ line of a notebook comes from a helper of notebooks/course.jsh: check(...)
(a claim), predict(...) and exercise(...) (an exercise's check). These tests run those helpers in the installed
kernel with wrong claims, wrong answers and unsound solutions and see each one fail, see run_notebooks.py turn
every kind of failure into a failed notebook, and run a course notebook with a deliberately broken helper and
with a wrong answer in its exercise, which must fail it. Run by ./install.sh --test."""
import os
import shutil
import sys
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks"))
sys.path.insert(0, NOTEBOOKS)
import run_notebooks  # noqa: E402

KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")


def execute(nb, path):
    NotebookClient(nb, kernel_name=KERNEL, timeout=120, allow_errors=True,
                   resources={"metadata": {"path": path}}).execute()
    return nb


def outputs(cell):
    """A cell's stdout and stderr, and its error as 'ename: evalue', as one text."""
    parts = []
    for o in cell.outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type == "error":
            parts.append("%s: %s" % (o.ename, o.evalue))
    return "".join(parts)


class CheckHelpers(unittest.TestCase):
    """course.jsh's helpers, each given something wrong."""

    @classmethod
    def setUpClass(cls):
        cells = [
            "%load course.jsh",
            # 1-2: check
            'check(1 + 1 == 2, "arithmetic works");',
            'check(1 + 1 == 3, "one and one make three");',
            # 3-6: predict: untouched, right, wrong, and an unsound solution
            'predict("Exercise P", "?", "rice", "rice", "the shortest wait ends first");',
            'predict("Exercise P", "Rice.", "rice", "rice", "the shortest wait ends first");',
            'predict("Exercise P", "tea", "rice", "rice", "the shortest wait ends first");',
            'predict("Exercise P", "?", "soup", "rice", "the shortest wait ends first");',
            # 7-8: numbers, with a tolerance and with nearest(...)
            'predict("Exercise N", 0.8, 0.8, 0.83, 0.1, "overlap"); predict("Exercise N", 1.8, 0.8, 0.83, 0.1, "overlap");',
            'System.out.println(nearest(0.95, 0.8, 1.8) + " " + nearest(1.6, 0.8, 1.8));',
            # 9-12: exercise: untouched, right, wrong, and a solution its own judge rejects
            'exercise("Exercise E", 0.9, 0.3, t -> t < 0.6 ? Verdict.RIGHT : t >= 0.85 ? Verdict.UNCHANGED : Verdict.WRONG, "threads");',
            'exercise("Exercise E", 0.31, 0.3, t -> t < 0.6 ? Verdict.RIGHT : t >= 0.85 ? Verdict.UNCHANGED : Verdict.WRONG, "threads");',
            'exercise("Exercise E", 0.7, 0.3, t -> t < 0.6 ? Verdict.RIGHT : t >= 0.85 ? Verdict.UNCHANGED : Verdict.WRONG, "threads");',
            'exercise("Exercise E", 0.3, 0.9, t -> t < 0.6 ? Verdict.RIGHT : t >= 0.85 ? Verdict.UNCHANGED : Verdict.WRONG, "threads");',
            # 13: stderrOf sees a warning, and the warning is still shown
            'Coroutine<Void> nap() { return async(() -> await(sleep(0.01))); }\n'
            'String seen = stderrOf(() -> Asyncio.run(async(() -> { nap(); await(sleep(0.05)); })));\n'
            'check(seen.contains("coroutine \'nap\' was never awaited"), "stderrOf kept the warning");',
            # 14: MachineLoad counts another program's work as others'
            'var busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();\n'
            'var load = MachineLoad.start();\n'
            'Thread.sleep(1500);\n'
            'double othersShare = load.othersShare();\n'
            'busy.destroy();\n'
            'System.out.printf("others took %.2f%n", othersShare);',
        ]
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
        cls.nb = execute(nb, NOTEBOOKS)
        cls.failures = run_notebooks.check_notebook(cls.nb, {"load"})

    def out(self, index):
        return outputs(self.nb.cells[index])

    def failed(self, index):
        return [f for f in self.failures if f.startswith("cell %d:" % index) or f.startswith("cell %d " % index)]

    def test_the_helpers_load_without_a_word(self):
        self.assertEqual("", self.out(0))

    def test_check_passes_a_true_claim_and_fails_a_false_one(self):
        self.assertEqual("\u2714 arithmetic works\n", self.out(1))
        self.assertIn("AssertionError: claim failed: one and one make three", self.out(2))
        self.assertEqual([], self.failed(1))
        self.assertEqual(1, len(self.failed(2)))

    def test_predict_says_not_yet_right_and_wrong(self):
        self.assertIn("\u25cb Exercise P: not done yet", self.out(3))
        self.assertNotIn("\u2718", self.out(3))
        self.assertIn("\u2714 Exercise P: right", self.out(4))
        self.assertIn("\u2718 Exercise P: you predicted tea", self.out(5))
        self.assertIn("Hint: the shortest wait ends first", self.out(5))
        self.assertEqual([], self.failed(3) + self.failed(4))
        self.assertEqual(1, len(self.failed(5)), self.failures)

    def test_predict_fails_when_its_solution_disagrees_with_the_run(self):
        self.assertIn("AssertionError: claim failed: Exercise P: the check is sound", self.out(6))
        self.assertEqual(1, len(self.failed(6)))

    def test_numbers_count_within_the_tolerance_and_nearest_picks_the_closest_answer(self):
        self.assertIn("\u2714 Exercise N: right, you predicted 0.8", self.out(7))
        self.assertIn("\u2718 Exercise N: you predicted 1.8", self.out(7))
        self.assertEqual("0.8 1.8\n", self.out(8))

    def test_exercise_says_not_yet_done_and_wrong(self):
        self.assertIn("\u25cb Exercise E: not done yet", self.out(9))
        self.assertIn("\u2714 Exercise E: done (0.31 s)", self.out(10))
        self.assertIn("\u2718 Exercise E: not yet (0.70 s). Hint: threads", self.out(11))
        self.assertEqual([], self.failed(9) + self.failed(10))
        self.assertEqual(1, len(self.failed(11)))

    def test_exercise_fails_when_its_solution_does_not_pass_its_own_check(self):
        self.assertIn("AssertionError: claim failed: Exercise E: the check is sound", self.out(12))

    def test_stderr_of_keeps_what_it_shows(self):
        self.assertIn("RuntimeWarning: coroutine 'nap' was never awaited", self.out(13))
        self.assertIn("\u2714 stderrOf kept the warning", self.out(13))


    def test_machine_load_counts_a_busy_program_as_others_work(self):
        shown = self.out(14)
        self.assertRegex(shown, r"^others took \d\.\d\d\n$")
        share = float(shown.split()[-1])
        # one core of this machine's (at most two, in CI) kept busy by another program, whatever else runs
        self.assertGreaterEqual(share, 0.3 if os.cpu_count() <= 2 else 0.3 * 2 / os.cpu_count(), shown)
        self.assertLessEqual(share, 1.0)


class RunNotebooksCheck(unittest.TestCase):
    """run_notebooks.check_notebook, on outputs made by hand."""

    def cell(self, *outputs):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = list(outputs)
        nb.cells.append(cell)
        return run_notebooks.check_notebook(nb, set())

    def test_a_wrong_exercise_answer_fails_the_notebook(self):
        found = self.cell(nbformat.v4.new_output("stream", name="stdout", text="\u2714 sound\n\u2718 Exercise 4: you predicted A1\n"))
        self.assertEqual(1, len(found))
        self.assertIn("Exercise 4", found[0])

    def test_an_exercise_not_yet_done_passes(self):
        self.assertEqual([], self.cell(nbformat.v4.new_output("stream", name="stdout", text="\u25cb Exercise 4: not done yet\n")))

    def test_a_failed_claim_fails_the_notebook(self):
        error = nbformat.v4.new_output("error", ename="java.lang.AssertionError", evalue="claim failed: x", traceback=[])
        self.assertEqual(1, len(self.cell(error)))
        stderr = nbformat.v4.new_output("stream", name="stderr", text="claim failed: y\n")
        self.assertEqual(1, len(self.cell(stderr)))


class BrokenHelper(unittest.TestCase):
    """A course notebook run with a deliberately broken helper, or a wrong answer, fails."""

    NOTEBOOK = "04-the-event-loop.ipynb"

    def run_copy(self, helpers=None, answer=None):
        work = tempfile.mkdtemp(prefix="course-broken-")
        self.addCleanup(shutil.rmtree, work, True)
        with open(os.path.join(NOTEBOOKS, "course.jsh"), encoding="utf-8") as f:
            source = f.read()
        if helpers:
            source = helpers(source)
        with open(os.path.join(work, "course.jsh"), "w", encoding="utf-8") as f:
            f.write(source)
        nb = nbformat.read(os.path.join(NOTEBOOKS, self.NOTEBOOK), as_version=4)
        if answer:
            for cell in nb.cells:
                if "exercise" in cell.metadata.get("tags", []) and "check" not in cell.metadata.get("tags", []):
                    cell.source = answer(cell.source)
        execute(nb, work)
        return run_notebooks.check_notebook(nb, run_notebooks.LOOP_MAGICS | {"load"})

    def test_the_notebook_passes_as_committed(self):
        self.assertEqual([], self.run_copy())

    def replacing(self, old, new):
        """A change of a text that must find what it replaces."""
        def change(source):
            self.assertIn(old, source)
            return source.replace(old, new)
        return change

    def test_a_print_that_forgets_the_lines_fails_the_checks_that_read_them(self):
        failures = self.run_copy(helpers=self.replacing("    printed.add(String.valueOf(line));\n", ""))
        self.assertTrue(any("claim failed" in f for f in failures), failures)

    def test_a_wrong_prediction_fails_the_notebook(self):
        failures = self.run_copy(answer=self.replacing('var order = "?";', 'var order = "A1 A2 B1 B2 B3";'))
        self.assertTrue(any("\u2718 Exercise 4" in f for f in failures), failures)

if __name__ == "__main__":
    unittest.main()

"""A notebook written for JJava (dflib/jjava 1.0), kept unchanged in fixtures/jjava_display.ipynb, runs on the
installed kernel with nbclient: JJava's display API, java.time, %maven and java.class.path. Run by
./install.sh --test (unittest), or with pytest."""
import os
import unittest

import nbformat
from nbclient import NotebookClient

KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "jjava_display.ipynb")


def text(value):
    return "".join(value) if isinstance(value, list) else value


def run_fixture(kernel_name):
    """The fixture notebook, executed by the kernel; the file itself is left as it is."""
    notebook = nbformat.read(FIXTURE, as_version=4)
    NotebookClient(notebook, kernel_name=kernel_name, timeout=180, allow_errors=False).execute()
    return notebook


def data_of(cell, output_type):
    return [o["data"] for o in cell.outputs if o["output_type"] == output_type]


class JJavaNotebook(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.cells = [c for c in run_fixture(KERNEL).cells if c.cell_type == "code"]

    def test_display_returns_the_id_that_update_display_takes(self):
        shown = data_of(self.cells[0], "display_data")
        self.assertEqual(1, len(shown), self.cells[0].outputs)
        # nbclient applies update_display_data to the output with that display id, as a front end does.
        self.assertEqual("<b>Step 3 of 3</b>", text(shown[0]["text/html"]))
        self.assertEqual([], self.cells[1].outputs, "updates add no output of their own")

    def test_display_as_a_mime_type(self):
        self.assertEqual("# A heading", text(data_of(self.cells[2], "display_data")[0]["text/markdown"]))

    def test_render_returns_what_a_cell_shows(self):
        result = data_of(self.cells[3], "execute_result")
        self.assertEqual("<i>rendered, not displayed</i>", text(result[0]["text/html"]))
        self.assertEqual([], data_of(self.cells[3], "display_data"))

    def test_update_display_without_a_mime_type(self):
        shown = data_of(self.cells[4], "display_data")
        self.assertIn("plain text, updated", text(shown[0]["text/plain"]))

    def test_java_time_is_imported(self):
        self.assertEqual("2025-02-28", text(data_of(self.cells[5], "execute_result")[0]["text/plain"]))

    def test_an_image_displays_as_png(self):
        self.assertIn("image/png", data_of(self.cells[6], "display_data")[0])

    def test_maven_and_the_class_path_property(self):
        streams = [o for o in self.cells[7].outputs if o["output_type"] == "stream"]
        self.assertTrue(all(o["name"] == "stdout" for o in streams), streams)
        self.assertEqual("7", text(data_of(self.cells[8], "execute_result")[0]["text/plain"]), '{"a":1}')
        self.assertEqual("true", text(data_of(self.cells[9], "execute_result")[0]["text/plain"]))


if __name__ == "__main__":
    unittest.main()

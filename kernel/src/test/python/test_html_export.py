"""An HTML export of a course notebook shows its timelines: `jupyter nbconvert --to html` of the stored
06-flow-of-control.ipynb has an <img> of a PNG for each of its two timeline pictures. (nbconvert prefers HTML
to SVG, and nbconvert 6 strips the elements of inline SVG.) Run by ./install.sh --test."""
import copy
import os
import re
import unittest

import nbformat
from nbconvert import HTMLExporter

NOTEBOOK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "notebooks", "06-flow-of-control.ipynb")
PNG_IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"')


def pictures_in_html(nb):
    html, _ = HTMLExporter().from_notebook_node(nb)
    return len(PNG_IMG.findall(html))


class HtmlExport(unittest.TestCase):

    def setUp(self):
        self.nb = nbformat.read(NOTEBOOK, as_version=4)

    def test_the_timelines_are_pictures_in_the_html(self):
        self.assertEqual(2, pictures_in_html(self.nb))

    def test_the_check_finds_a_timeline_with_svg_only(self):
        svg_only = copy.deepcopy(self.nb)
        for cell in svg_only.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data:
                    data.pop("image/png", None)
                    data.pop("text/html", None)
        self.assertEqual(0, pictures_in_html(svg_only))


if __name__ == "__main__":
    unittest.main()

"""Jupyter's kernel conformance tests (Debian's python3-jupyter-kernel-test) against the installed kernel,
with Java samples. Run by ./install.sh --test:

    ASYNCRT_KERNEL_NAME=java-asyncrt .venv/bin/python -m unittest discover -s kernel/src/test/python
"""
import os
import tempfile
import unittest

import jupyter_kernel_test


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
    language_name = "java"
    file_extension = ".jshell"

    @classmethod
    def setUpClass(cls):
        # A history of its own, so that the test neither reads nor pollutes the user's.
        os.environ["ASYNCRT_KERNEL_HISTORY_FILE"] = os.path.join(tempfile.mkdtemp(), "history.jsonl")
        super().setUpClass()

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Integer.toHexStr", "matches": {"toHexString("}},
        {"text": "int a = 1;\nMath.ma", "matches": {"max("}},
        {"text": "%lsm", "matches": {"lsmagic"}},
        # The cell's own earlier declarations are seen before the cell has run.
        {"text": "String s = \"x\";\ns.toUpperC", "matches": {"toUpperCase("}},
        {"text": "int[] arr = new int[3]; arr.le", "matches": {"length"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", 'System.out.println("a")', "class A {}", "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "class B {", "String s = String.join(\",\","]
    invalid_code_samples = ['"unterminated', "}", "'ab'"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"ab\" + \"cd\"", "result": "\"abcd\""},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": "Math.max(3, 4)", "result": "4"},
    ]

    code_display_data = [
        {"code": 'display(html("<b>bold</b>"));', "mime": "text/html"},
        {"code": 'display(svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"4\\" height=\\"4\\"/>"));',
         "mime": "image/svg+xml"},
        {"code": "display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]

    code_history_pattern = "6 * ?"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()

"""The installed kernel from Jupyter's own front ends, as a user would drive them: jupyter kernelspec list,
jupyter console, jupyter run and jupyter nbconvert --execute. Run by ./install.sh --test."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

KERNEL = os.environ.get("ASYNCRT_KERNEL_NAME", "java-asyncrt")
# The front ends of the Jupyter these tests run in (./install.sh runs them with that Jupyter's Python).
JUPYTER = shutil.which("jupyter", path=os.path.dirname(sys.executable)) or shutil.which("jupyter") or "jupyter"
TIMEOUT = 180


def run(args, stdin=None, cwd=None):
    env = dict(os.environ)
    env.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
    return subprocess.run([JUPYTER] + args, input=stdin, capture_output=True, text=True, timeout=TIMEOUT,
                          cwd=cwd, env=env)


def text(value):
    """Notebook files may store text as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


class FrontEnds(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        os.environ["ASYNCRT_KERNEL_HISTORY_FILE"] = os.path.join(cls.tmp, "history.jsonl")

    def test_kernelspec_list(self):
        result = run(["kernelspec", "list", "--json"])
        self.assertEqual(result.returncode, 0, result.stderr)
        spec = json.loads(result.stdout)["kernelspecs"][KERNEL]["spec"]
        self.assertEqual(spec["display_name"], "Java (asyncrt)")
        self.assertEqual(spec["interrupt_mode"], "message")
        java = spec["argv"][0]
        self.assertTrue(os.path.isabs(java) and os.access(java, os.X_OK), java)
        self.assertIn("java.base/jdk.internal.vm=ALL-UNNAMED", spec["argv"])

    def test_console(self):
        result = run(["console", "--kernel", KERNEL, "--simple-prompt"],
                     stdin='System.out.println("console says " + (6 * 7));\nint z = 5;\nz * 2\n')
        self.assertIn("console says 42", result.stdout, result.stdout + result.stderr)
        self.assertIn("10", result.stdout)

    def test_run(self):
        script = os.path.join(self.tmp, "hello.jshell")
        with open(script, "w") as f:
            f.write('String who = "run";\nSystem.out.println("hello from " + who);\n')
        result = run(["run", "--kernel", KERNEL, script])
        self.assertIn("hello from run", result.stdout, result.stdout + result.stderr)

    def test_nbconvert_execute(self):
        cells = [
            'System.out.println("printed");',
            "int answer = 6 * 7;",
            "answer",
            'display(html("<i>shown</i>"));',
            "List.of(1, 2).size()",
        ]
        notebook = {
            "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": KERNEL, "display_name": "Java (asyncrt)", "language": "java"}},
            "cells": [{"cell_type": "code", "id": "c%d" % i, "metadata": {}, "execution_count": None,
                       "outputs": [], "source": code} for i, code in enumerate(cells)],
        }
        path = os.path.join(self.tmp, "smoke.ipynb")
        with open(path, "w") as f:
            json.dump(notebook, f)
        result = run(["nbconvert", "--to", "notebook", "--execute", "--output", "smoke-out.ipynb", path],
                     cwd=self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(self.tmp, "smoke-out.ipynb")) as f:
            executed = json.load(f)
        outputs = [cell["outputs"] for cell in executed["cells"]]
        self.assertEqual(text(outputs[0][0]["text"]), "printed\n")
        self.assertEqual(text(outputs[2][0]["data"]["text/plain"]), "42")
        self.assertEqual(text(outputs[3][0]["data"]["text/html"]), "<i>shown</i>")
        self.assertEqual(text(outputs[4][0]["data"]["text/plain"]), "2")


class Installer(unittest.TestCase):
    """install.sh into a prefix (as for a virtualenv or Binder): twice over, then uninstalled."""

    ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))

    def install(self, *args, env=None, ok=True):
        result = subprocess.run([os.path.join(self.ROOT, "install.sh")] + list(args), capture_output=True,
                                text=True, timeout=900, env=env or dict(os.environ, ASYNCRT_KERNEL_LOG_LEVEL="warn"))
        self.assertEqual(result.returncode == 0, ok, result.stdout + result.stderr)
        return result.stdout + result.stderr

    def train_the_environments_cache_again(self):
        """This test installs into the environment, which rewrites the kernelspec the other tests use, and the
        install's warm-up then trains the copy in the (temporary) user's directory instead: the environment's
        kernelspec would be left without its ahead-of-time cache, and every later start slower."""
        from jupyter_client.kernelspec import KernelSpecManager
        subprocess.run([sys.executable, os.path.join(self.ROOT, "kernel", "src", "main", "python", "warm_up.py"), KERNEL],
                       check=True, capture_output=True, timeout=900, env=dict(os.environ, ASYNCRT_KERNEL_LOG_LEVEL="warn"))
        spec_dir = KernelSpecManager().find_kernel_specs()[KERNEL]
        self.assertTrue(os.path.isfile(os.path.join(spec_dir, "kernel.aot")), os.listdir(spec_dir))

    def test_a_stale_kernelspec_in_the_users_directory_does_not_hide_the_new_one(self):
        self.addCleanup(self.train_the_environments_cache_again)
        # Jupyter reads the user's directory before the environment's outside virtualenvs, or when told so.
        data = tempfile.mkdtemp()
        stale = os.path.join(data, "kernels", KERNEL)
        os.makedirs(stale)
        env = {k: v for k, v in os.environ.items() if k != "JUPYTER_PATH"}
        env.update(JUPYTER_DATA_DIR=data, JUPYTER_PREFER_ENV_PATH="0", ASYNCRT_KERNEL_LOG_LEVEL="warn")

        with open(os.path.join(stale, "kernel.json"), "w") as f:
            json.dump({"argv": ["java", "-cp", "/gone/lib/*", "asyncrt.kernel.KernelMain", "{connection_file}"],
                       "display_name": "Java (asyncrt), an old one", "language": "java"}, f)
        said = self.install(env=env)
        self.assertIn("replacing it with this build", said)
        with open(os.path.join(stale, "kernel.json")) as f:
            spec = json.load(f)
        self.assertEqual(spec["display_name"], "Java (asyncrt)")
        self.assertIn(os.path.join(stale, "lib", "*"), spec["argv"])
        self.assertTrue(os.listdir(os.path.join(stale, "lib")))

        with open(os.path.join(stale, "kernel.json"), "w") as f:
            json.dump({"argv": ["python3", "-m", "another_kernel", "{connection_file}"],
                       "display_name": "not ours", "language": "java"}, f)
        said = self.install(env=env, ok=False)
        self.assertIn("Jupyter finds another kernelspec named %s first, in %s" % (KERNEL, stale), said)

    def test_prefix_install_is_repeatable_and_removable(self):
        prefix = tempfile.mkdtemp()
        spec_dir = os.path.join(prefix, "share", "jupyter", "kernels", KERNEL)
        self.install("--prefix", prefix, "--env", "ASYNCRT_KERNEL_TIMEOUT=600")
        self.install("--prefix", prefix, "--env", "ASYNCRT_KERNEL_TIMEOUT=600")
        with open(os.path.join(spec_dir, "kernel.json")) as f:
            spec = json.load(f)
        self.assertEqual(spec["env"], {"ASYNCRT_KERNEL_TIMEOUT": "600"})
        self.assertTrue(all(p.startswith(spec_dir) for p in spec["argv"] if p.startswith(prefix)))
        for logo in ("logo-32x32.png", "logo-64x64.png"):
            self.assertTrue(os.path.isfile(os.path.join(spec_dir, logo)))
        listed = subprocess.run(
            [JUPYTER, "kernelspec", "list", "--json"], capture_output=True, text=True, timeout=TIMEOUT,
            env=dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter")))
        self.assertEqual(json.loads(listed.stdout)["kernelspecs"][KERNEL]["resource_dir"], spec_dir)
        self.install("--uninstall", "--prefix", prefix)
        self.assertFalse(os.path.exists(spec_dir))


class WarmUpCells(unittest.TestCase):
    """The session ./install.sh trains the kernel's ahead-of-time cache on (kernel/src/main/python/warm_up.py)."""

    ROOT = Installer.ROOT

    def setUp(self):
        for part in (("kernel", "src", "main", "python"), ("kernel", "bench")):
            sys.path.insert(0, os.path.join(self.ROOT, *part))
            self.addCleanup(sys.path.remove, sys.path[0])

    def test_every_training_cell_runs(self):
        import warm_up
        from jupyter_client.manager import start_new_kernel
        os.environ.setdefault("ASYNCRT_KERNEL_HISTORY_FILE", os.path.join(tempfile.mkdtemp(), "history.jsonl"))
        km, kc = start_new_kernel(kernel_name=KERNEL)
        try:
            for code in warm_up.CELLS:
                errors = []
                reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=lambda msg: errors.append(
                    msg["content"].get("evalue")) if msg["msg_type"] == "error" else None)
                self.assertEqual(reply["content"]["status"], "ok", "%r: %s" % (code, errors))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_the_kernels_jvm_opens_the_cache_the_install_trained(self):
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        cache = [arg[len("-XX:AOTCache="):] for arg in spec.argv if arg.startswith("-XX:AOTCache=")]
        settings = subprocess.run([spec.argv[0], "-XshowSettings:properties", "-version"], capture_output=True,
                                  text=True, timeout=TIMEOUT).stderr
        java_major = int(re.search(r"java\.specification\.version = (\d+)", settings).group(1))
        if java_major < 25:  # the install gives no cache before JDK 25: JDK 21 to 23 would not even start
            self.assertEqual(cache, [], spec.argv)
            return
        self.assertEqual(len(cache), 1, spec.argv)
        self.assertTrue(os.path.isfile(cache[0]), "the install trained no cache: %s" % cache[0])
        # The kernel's own JVM, options and class path; a cache made with others is refused, and quietly.
        jvm = spec.argv[:spec.argv.index("asyncrt.kernel.KernelMain")]
        opened = subprocess.run(jvm + ["-Xlog:aot=info", "-version"], capture_output=True, text=True, timeout=TIMEOUT)
        out = opened.stdout + opened.stderr
        self.assertEqual(opened.returncode, 0, out)
        self.assertIn("Opened AOT cache %s." % cache[0], out)
        self.assertNotRegex(out, r"(?i)mismatch|disabl|unable to use", out)

    def test_the_training_is_not_the_benchmarks_own_cells(self):
        import kernel_bench
        import warm_up
        timed = set(kernel_bench.BASKETS["java-asyncrt"])
        timed |= {w[way] for w in (kernel_bench.SPAWN["java-asyncrt"], kernel_bench.PINGPONG["java-asyncrt"])
                  for way in ("define", "loop", "run") if way in w}
        self.assertEqual(timed & set(warm_up.CELLS), set())


if __name__ == "__main__":
    unittest.main()

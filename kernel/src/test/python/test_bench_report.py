"""bench/run.py keeps going when one peer's run fails: the failure is listed and that peer's cells stay
empty, while the other peers' figures are kept. Run by ./install.sh --test."""
import importlib.util
import os
import shutil
import sys
import tempfile
import unittest

RUN_PY = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "bench", "run.py")


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def this_python(bench):
    """This test's own Python as the peers' CPython, as if it were the only one here."""
    import peer_cpython  # on the path once bench/run.py is loaded
    return bench.PeerCPython(sys.executable, peer_cpython.probe(sys.executable))


def fake_python(directory, name, figure):
    """An executable that answers the probe as a CPython of its own would, with `figure` ns per step,
    and fails at anything else (so it cannot make a virtualenv)."""
    path = os.path.join(directory, name)
    with open(path, "w") as script:
        script.write(f"#!/bin/sh\ncase \"$*\" in *perf_counter*) echo '3.13.1 /opt/{name} {figure}' ;; *) exit 1 ;; esac\n")
    os.chmod(path, 0o755)
    return path


class BenchReport(unittest.TestCase):

    def test_a_failing_peer_is_listed_and_the_others_are_kept(self):
        bench = load_bench()
        printing = [sys.executable, "-c", "print('{\"ns\": 5}')"]
        failing = [sys.executable, "-c", "import sys; print('no figures here'); sys.exit(3)"]
        workload = bench.Workload("probe", [bench.Metric("ns", "probe", "ns")],
                                  commands=lambda java, cpython: {bench.OURS: printing, bench.ASYNCIO: failing})
        failures = []
        results = bench.measure_rounds([workload], "java", this_python(bench), 2, failures)
        self.assertEqual({bench.OURS: {"ns": 5}}, results["probe"])
        self.assertEqual(2, len(failures), failures)
        self.assertEqual(("probe", bench.ASYNCIO), failures[0][:2])
        self.assertIn("printed no figures", failures[0][2])

    @unittest.skipIf(shutil.which("gcc") is None, "gcc builds the floor server")
    def test_the_server_workload_measures_the_floor_and_the_notes_explain_it(self):
        bench = load_bench()
        server = next(w for w in bench.WORKLOADS if w.name == "server")
        cpython = this_python(bench)
        commands = bench.peer_commands(server, "java", cpython)
        self.assertIn(bench.FLOOR, commands)
        self.assertTrue(os.access(commands[bench.FLOOR][-1], os.X_OK), commands[bench.FLOOR])
        figures = {"req_per_s": 14651, "first_req_per_s": 14449, "p99_ms": 3.6, "server_cpu_us_per_req": 40.3,
                   "wrk_cpu_us_per_req": 67.0}
        table = bench.table({"server": {bench.OURS: figures, bench.FLOOR: figures}}, cpython)
        self.assertIn("server, floor: the least any server can do per request", table)
        self.assertIn("14651 req/s", table)
        self.assertNotIn("server, floor", bench.table({"server": {bench.OURS: figures}}, cpython))


class PeerCPythonChoice(unittest.TestCase):
    """bench/peer_cpython.py: the peers run on the fastest CPython that can get their packages."""

    def setUp(self):
        load_bench()
        import peer_cpython
        self.peer_cpython = peer_cpython
        self.directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.directory)

    def test_the_fastest_that_can_get_the_packages_is_chosen_and_the_faster_one_passed_over_is_named(self):
        fake_python(self.directory, "python3.13", 1)
        fake_python(self.directory, "python3.14", 10 ** 9)
        chosen = self.peer_cpython.choose(harness=sys.executable, directories=[self.directory])
        self.assertEqual(sys.executable, chosen.executable, chosen.describe())
        self.assertEqual(sys.base_prefix, chosen.chosen.base_prefix)
        self.assertEqual([1, 10 ** 9], [i.ns_per_step for i in chosen.others])
        self.assertIn("/opt/python3.13) measured 1 ns but could not get the peers' packages", chosen.describe())
        self.assertIn("against", chosen.describe())

    def test_a_python_older_than_3_9_or_not_a_python_is_not_a_candidate(self):
        old = fake_python(self.directory, "python3.13", 1)
        with open(old) as script:
            text = script.read().replace("3.13.1", "3.8.18")
        with open(old, "w") as script:
            script.write(text)
        self.assertIsNone(self.peer_cpython.probe(old))
        self.assertIsNone(self.peer_cpython.probe("/bin/false"))
        self.assertIsNotNone(self.peer_cpython.probe(sys.executable))


class KernelWorkloadOrder(unittest.TestCase):
    """kernel_bench.py runs the two ways of a workload (on the kernel's loop, in Asyncio.run) A B, then B A."""

    def test_each_way_goes_first_as_often_as_the_other(self):
        kernel_bench_py = os.path.join(os.path.dirname(RUN_PY), "..", "kernel", "bench", "kernel_bench.py")
        spec = importlib.util.spec_from_file_location("kernel_bench", kernel_bench_py)
        kernel_bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(kernel_bench)
        self.assertEqual(kernel_bench.order_of_ways(["loop", "run"], 0), ["loop", "run"])
        self.assertEqual(kernel_bench.order_of_ways(["loop", "run"], 1), ["run", "loop"])
        timed = range(kernel_bench.WARM_UP_ROUNDS, kernel_bench.WARM_UP_ROUNDS + 4)
        firsts = [kernel_bench.order_of_ways(["loop", "run"], i)[0] for i in timed]
        self.assertEqual(firsts.count("loop"), firsts.count("run"))
        self.assertEqual(kernel_bench.order_of_ways(["loop"], 1), ["loop"])


if __name__ == "__main__":
    unittest.main()

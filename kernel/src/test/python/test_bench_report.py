"""bench/run.py keeps going when one peer's run fails: the failure is listed and that peer's cells stay
empty, while the other peers' figures are kept. Run by ./install.sh --test."""
import importlib.util
import os
import shutil
import sys
import unittest

RUN_PY = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "bench", "run.py")


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BenchReport(unittest.TestCase):

    def test_a_failing_peer_is_listed_and_the_others_are_kept(self):
        bench = load_bench()
        printing = [sys.executable, "-c", "print('{\"ns\": 5}')"]
        failing = [sys.executable, "-c", "import sys; print('no figures here'); sys.exit(3)"]
        workload = bench.Workload("probe", [bench.Metric("ns", "probe", "ns")],
                                  commands=lambda java, uvloop: {bench.OURS: printing, bench.ASYNCIO: failing})
        failures = []
        results = bench.measure_rounds([workload], "java", False, 2, failures)
        self.assertEqual({bench.OURS: {"ns": 5}}, results["probe"])
        self.assertEqual(2, len(failures), failures)
        self.assertEqual(("probe", bench.ASYNCIO), failures[0][:2])
        self.assertIn("printed no figures", failures[0][2])

    @unittest.skipIf(shutil.which("gcc") is None, "gcc builds the floor server")
    def test_the_server_workload_measures_the_floor_and_the_notes_explain_it(self):
        bench = load_bench()
        server = next(w for w in bench.WORKLOADS if w.name == "server")
        commands = bench.peer_commands(server, "java", False)
        self.assertIn(bench.FLOOR, commands)
        self.assertTrue(os.access(commands[bench.FLOOR][-1], os.X_OK), commands[bench.FLOOR])
        figures = {"req_per_s": 14651, "first_req_per_s": 14449, "p99_ms": 3.6, "server_cpu_us_per_req": 40.3,
                   "wrk_cpu_us_per_req": 67.0}
        table = bench.table({"server": {bench.OURS: figures, bench.FLOOR: figures}}, True)
        self.assertIn("server, floor: the least any server can do per request", table)
        self.assertIn("14651 req/s", table)
        self.assertNotIn("server, floor", bench.table({"server": {bench.OURS: figures}}, True))


if __name__ == "__main__":
    unittest.main()

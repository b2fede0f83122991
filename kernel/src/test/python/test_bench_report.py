"""bench/run.py keeps going when one peer's run fails: the failure is listed and that peer's cells stay
empty, while the other peers' figures are kept. Run by ./install.sh --test."""
import importlib.util
import os
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


if __name__ == "__main__":
    unittest.main()

"""Trains the installed kernel's ahead-of-time cache (JDK 25's AOT cache, JEP 483 and 515): runs the kernel once
on a session of typical cells with -XX:AOTCacheOutput, and the JVM, as it exits, writes kernel.aot beside the
kernelspec, which names it with -XX:AOTCache. Later starts find the classes of that session already loaded and
linked, and the JIT compiles from the method profiles recorded in it: the first cells' results come sooner.

Usage: python3 warm_up.py KERNEL_NAME
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

# What a learner's cells do: expressions, declarations, statements, output, coroutines awaited at the top level
# and in Asyncio.run, a magic; each compiled, loaded and run, as a real session would. None is a cell that
# bench/kernel_bench.py times: the cache is trained on the kind of work, not on the benchmark's own cells.
CELLS = [
    "1 + 1",
    "Math.abs(-7)",
    'var names = new ArrayList<>(List.of("b", "a")); Collections.sort(names); names',
    "int square(int x) { return x * x; }",
    "square(7)",
    "record Point(int x, int y) {}",
    "new Point(1, 2)",
    'System.out.println("warm " + List.of(1, 2, 3));',
    'String greet(String who) { return "hello " + who; }',
    'greet("you").toUpperCase()',
    "for (int i = 0; i < 3; i++) { System.out.print(i); }",
    "IntStream.range(0, 10).map(i -> i * i).sum()",
    'Map<String, Integer> counts = new HashMap<>(); counts.merge("a", 1, Integer::sum); counts',
    'try { Integer.parseInt("x"); } catch (NumberFormatException e) { System.out.println(e.getMessage()); }',
    "class Counter { int n; void add() { n++; } }",
    "var counter = new Counter(); counter.add(); counter.n",
    "Coroutine<Integer> later(int i) { return async(() -> { await(sleep(0.001)); return i; }); }",
    "for (int i = 0; i < 3; i++) { await(sleep(0)); }",
    "await(gather(later(1), later(2)))",
    "Asyncio.run(later(3))",
    "var t = createTask(later(4)); await(t)",
    "%lsmagic",
]
# Rounds of CELLS. javac is a large program, and the JIT keeps compiling it for hundreds of cells: the longer the
# training, the more of javac's methods the cache holds a profile of, and the sooner a learner's cells run
# compiled code. Fifteen rounds take about 20 s at install; more paid little for the time (where-the-time-goes).
ROUNDS = 15


def training_spec(kernel_name, directory):
    """A copy of the kernelspec whose JVM writes the cache instead of reading it."""
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    cache = None
    argv = []
    for arg in spec.argv:
        if arg.startswith("-XX:AOTCache="):
            cache = arg[len("-XX:AOTCache="):]
            arg = "-XX:AOTCacheOutput=" + cache
        argv.append(arg)
    if cache is None:
        return None, None
    os.makedirs(os.path.join(directory, "kernels", "training"))
    with open(os.path.join(directory, "kernels", "training", "kernel.json"), "w") as f:
        json.dump({"argv": argv, "display_name": "training", "language": spec.language,
                   "interrupt_mode": spec.interrupt_mode, "env": spec.env}, f)
    return cache, directory


def main(kernel_name):
    work = tempfile.mkdtemp()
    try:
        cache, path = training_spec(kernel_name, work)
        if cache is None:
            print("warm_up: the kernelspec names no -XX:AOTCache; nothing to train")
            return
        if os.path.exists(cache):
            os.remove(cache)
        # Keep the warm-up's cells out of the user's history.
        os.environ["ASYNCRT_KERNEL_HISTORY_FILE"] = os.path.join(work, "history.jsonl")
        os.environ.setdefault("ASYNCRT_KERNEL_LOG_LEVEL", "warn")
        os.environ["JUPYTER_PATH"] = path + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        km = KernelManager(kernel_name="training")
        km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            failed = []
            for _ in range(ROUNDS):
                for code in CELLS:
                    reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
                    if reply["content"]["status"] != "ok" and code not in failed:
                        failed.append(code)
            for code in failed:
                print("warm_up: a training cell failed, so the cache misses what it would have taught: %r" % code)
            kc.complete("System.out.pr", 13)
            kc.get_shell_msg(timeout=60)
            kc.shutdown()
            deadline = time.monotonic() + 180  # the cache is assembled as the JVM exits
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)
        print("warm_up: ahead-of-time cache %s" % ("written: " + cache if os.path.exists(cache) else "not written"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])

"""Kernel benchmarks through jupyter_client: ours beside ipykernel (and JJava, when its kernelspec is found),
measured in the same run.

For each kernel: time from launching the kernel process to its first kernel_info_reply, and to the result of
its first compiled cell (`Math.max(1, 2)`; `max(1, 2)` in Python); resident memory (RSS) right after the first
reply and once it has settled; the round trip (send execute_request, receive execute_reply) of each cell of a
basket of typical cells once warm, and their geometric mean; the spawn and ping-pong workloads of bench/run run
from a cell, awaited on the kernel's own loop and (our kernel, spawn) in Asyncio.run; in a fresh kernel, the
memory kept per simple cell over 500 cells (see RETAINED). Prints figures; asserts nothing.

Usage: .venv/bin/python kernel_bench.py [--starts N] [--trips N] [--json] [KERNEL ...]
       (default kernels: java-asyncrt python3)

With --json it prints one JSON line of medians per kernel instead, the line bench/run.py reads for
its kernel workload (bench/run runs it once for each kernel).
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from queue import Empty

from jupyter_client.manager import KernelManager

# A basket of what learners type, one cell each: an expression, a variable and its use, a method declaration, a
# print, an await, a record (a class in Python) and a call of the method. JJava has no await: its cell yields
# the thread instead. Each kernel's setup cell runs once, untimed.
BASKETS = {
    "java-asyncrt": ["Math.max(1, 2)", "var xs = List.of(3, 1, 2); xs.size()", "int twice(int x) { return 2 * x; }",
                     'System.out.println("hi");', "await(sleep(0));", "record P(int x, int y) {}", "twice(21)"],
    "jjava": ["Math.max(1, 2)", "var xs = List.of(3, 1, 2); xs.size()", "int twice(int x) { return 2 * x; }",
              'System.out.println("hi");', "Thread.yield();", "record P(int x, int y) {}", "twice(21)"],
    "python": ["max(1, 2)", "xs = [3, 1, 2]; len(xs)", "def twice(x): return 2 * x", 'print("hi")',
               "await asyncio.sleep(0)", "class P(NamedTuple):\n    x: int\n    y: int", "twice(21)"],
}
SETUP = {"python": "import asyncio\nfrom typing import NamedTuple"}


def flavour(kernel_name):
    """Which basket a kernel gets: ours, JJava's (Java without await) or Python's."""
    spec = KernelManager(kernel_name=kernel_name).kernel_spec
    if spec.language != "java":
        return "python"
    return "jjava" if any("jjava" in arg for arg in spec.argv) else "java-asyncrt"


# The spawn workload of bench/run (100 000 tasks that each await sleep(0) ten times, gathered), run from a cell:
# awaited on the kernel's own loop, and (for our kernel) in Asyncio.run, which makes a fresh loop for the call.
# Each cell times itself, so the figure is the loop's work alone, not the round trip around it.
SPAWN_STEPS = 100_000 * (10 + 1)
SPAWN = {
    "java-asyncrt": {
        "define": """
Coroutine<Void> spawnWorker() {
    return async(() -> {
        for (int i = 0; i < 10; i++) {
            await(sleep(0));
        }
    });
}
Coroutine<Void> spawnMain() {
    return async(() -> {
        List<Coroutine<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            workers.add(spawnWorker());
        }
        await(gather(workers));
    });
}
long spawnOnTheKernelLoop() {
    long start = System.nanoTime();
    await(spawnMain());
    return System.nanoTime() - start;
}
long spawnInAsyncioRun() {
    long start = System.nanoTime();
    Asyncio.run(spawnMain());
    return System.nanoTime() - start;
}
""",
        "loop": "spawnOnTheKernelLoop()",
        "run": "spawnInAsyncioRun()",
    },
    "python": {
        "define": """
import asyncio, time

async def spawn_worker():
    for _ in range(10):
        await asyncio.sleep(0)

async def spawn_on_the_kernel_loop():
    start = time.perf_counter_ns()
    await asyncio.gather(*(spawn_worker() for _ in range(100_000)))
    return time.perf_counter_ns() - start
""",
        "loop": "await spawn_on_the_kernel_loop()",
    },
}

# The ping-pong workload of bench/run from a cell, smaller (200 000 round trips through two Queue(1)), awaited on
# the kernel's loop: nanoseconds per round trip.
PINGPONG_ROUND_TRIPS = 200_000
PINGPONG = {
    "java-asyncrt": {
        "define": """
Coroutine<Void> ping(Queue<Integer> there, Queue<Integer> back) {
    return async(() -> {
        for (int i = 0; i < 200_000; i++) {
            await(there.put(i));
            await(back.get());
        }
    });
}
Coroutine<Void> pong(Queue<Integer> there, Queue<Integer> back) {
    return async(() -> {
        for (int i = 0; i < 200_000; i++) {
            await(back.put(await(there.get())));
        }
    });
}
long pingPongOnTheKernelLoop() {
    long start = System.nanoTime();
    Queue<Integer> there = new Queue<>(1), back = new Queue<>(1);
    var a = createTask(ping(there, back));
    var b = createTask(pong(there, back));
    await(a);
    await(b);
    return System.nanoTime() - start;
}
""",
        "loop": "pingPongOnTheKernelLoop()",
    },
    "python": {
        "define": """
import asyncio, time

async def ping(there, back):
    for i in range(200_000):
        await there.put(i)
        await back.get()

async def pong(there, back):
    for _ in range(200_000):
        await back.put(await there.get())

async def ping_pong_on_the_kernel_loop():
    start = time.perf_counter_ns()
    there, back = asyncio.Queue(1), asyncio.Queue(1)
    a, b = asyncio.create_task(ping(there, back)), asyncio.create_task(pong(there, back))
    await a
    await b
    return time.perf_counter_ns() - start
""",
        "loop": "await ping_pong_on_the_kernel_loop()",
    },
}


# Retained memory per cell: the kernel's heap in use after a full collection, measured from inside the kernel
# after a warm-up of cells and again after more simple cells (a declaration, a call, a print, in turn). Java:
# the heap in use after System.gc() (the kernelspec's serial collector makes that a full collection), and
# the metaspace beside it (the classes of compiled cells); Python: the bytes tracemalloc sees in use after
# gc.collect(), tracing from before the warm-up.
RETAINED = {
    "java": {
        "start": "1",
        "heap": "((java.util.function.LongSupplier) () -> { System.gc(); System.gc(); return java.lang.management"
                ".ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }).getAsLong()",
        "metaspace": "java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()"
                     ".filter(p -> p.getName().equals(\"Metaspace\")).mapToLong(p -> p.getUsage().getUsed()).sum()",
        "cells": ["int x{n} = {n};", "Math.max({n}, 2)", "System.out.println(\"line {n}\");"],
    },
    "python": {
        "start": "import gc, tracemalloc; tracemalloc.start()",
        "heap": "gc.collect(); tracemalloc.get_traced_memory()[0]",
        "cells": ["x{n} = {n}", "max({n}, 2)", "print(\"line {n}\")"],
    },
}


RETAINED_WARM_UP = 100


def simple_cells(kc, language, first, count):
    cells = RETAINED[language]["cells"]
    for n in range(first, first + count):
        kc.execute_interactive(cells[n % len(cells)].format(n=n), timeout=60, output_hook=lambda m: None)


def retained_per_cell(kc, language, warm_up=RETAINED_WARM_UP, cells=500):
    """Bytes of heap (and, for Java, of metaspace) kept per simple cell, over `cells` cells after `warm_up`."""
    probe = RETAINED[language]
    kc.execute_interactive(probe["start"], timeout=60, output_hook=lambda m: None)
    simple_cells(kc, language, 0, warm_up)
    before = {k: int(cell_value(kc, probe[k]).rstrip("L")) for k in ("heap", "metaspace") if k in probe}
    simple_cells(kc, language, warm_up, cells)
    after = {k: int(cell_value(kc, probe[k]).rstrip("L")) for k in before}
    return {k: (after[k] - before[k]) / cells for k in before}


def rss_mb(pid):
    """Resident memory of a process and all its descendants (JJava's launcher starts the kernel's JVM), in MB."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    family, grew = {pid}, True
    while grew:
        more = {p for p, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    total = 0
    for p in family:
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


def start(kernel_name, first_cell):
    """Starts a kernel; returns (manager, client, seconds to the first kernel_info_reply, its resident memory
    then in MB, seconds to the execute_reply of first_cell, sent right after that)."""
    km = KernelManager(kernel_name=kernel_name)
    began = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    reply_to(kc, kc.kernel_info())
    info = time.perf_counter() - began
    rss = rss_mb(kernel_pid(km))
    reply = reply_to(kc, kc.execute(first_cell))
    first = time.perf_counter() - began
    if reply["content"]["status"] != "ok":
        raise RuntimeError("the first cell %r failed: %s" % (first_cell, reply["content"]))
    return km, listening_client(km, kc, reply["parent_header"]["msg_id"]), info, rss, first


def listening_client(km, kc, msg_id, attempts=3, wait=10):
    """kc once its IOPub channel is seen to carry the kernel's messages (the status of request msg_id), else a new
    client that does. Now and then a freshly started ipykernel welcomes a client's IOPub subscription, answers
    it on the shell channel, and publishes nothing more to it (in about half the full runs, never in short ones);
    every later execute_interactive of that client then times out."""
    for _ in range(attempts):
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Empty:
                break
            if msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == msg_id:
                if msg["content"]["execution_state"] == "idle":
                    return kc
        print(f"kernel_bench: no IOPub messages from the kernel in {wait} s; connecting a new client", file=sys.stderr,
              flush=True)
        kc.stop_channels()
        kc = km.client()
        kc.start_channels()
        msg_id = kc.kernel_info()
        reply_to(kc, msg_id)
    raise RuntimeError(f"the kernel published nothing on IOPub to {attempts} clients in turn")


def kernel_pid(km):
    return km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid


def reply_to(kc, msg_id):
    while True:
        reply = kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def round_trips(kc, code, n):
    """Milliseconds from sending an execute_request to its execute_reply, n times."""
    times = []
    for _ in range(n):
        began = time.perf_counter()
        msg_id = kc.execute(code)
        reply = reply_to(kc, msg_id)
        times.append((time.perf_counter() - began) * 1000)
        if reply["content"]["status"] != "ok":
            raise RuntimeError("cell %r failed: %s" % (code, reply["content"]))
        while True:  # drain IOPub up to this request's idle
            msg = kc.get_iopub_msg(timeout=60)
            if (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
                    and msg["parent_header"].get("msg_id") == msg_id):
                break
    return times


def cell_value(kc, code):
    """The text of a cell's execute_result; fails on an error."""
    shown = {}

    def hook(msg):
        if msg["msg_type"] == "execute_result":
            shown["value"] = msg["content"]["data"]["text/plain"]
        elif msg["msg_type"] == "error":
            shown["error"] = msg["content"]["evalue"]

    kc.execute_interactive(code, timeout=600, output_hook=hook)
    if "error" in shown or "value" not in shown:
        raise RuntimeError("cell %r failed: %s" % (code, shown))
    return shown["value"]


# Runs of a workload from a cell before the timed ones. The kernel's JVM compiles the workload's code (and the
# loop's paths it takes) over its first two or three runs, each of those two to three times as slow as a later
# one; CPython has no JIT compiler, so its first runs are like its later ones. The first run is reported too:
# it is what a user sees the first time.
WARM_UP_ROUNDS = 2


def order_of_ways(ways, round_number):
    """The ways of running a workload in the order of one round: as given, then reversed, in turn (A B, B A, A B...).
    A run of the spawn workload fills a third or more of the kernel's eden, so a collection, which costs a run a
    quarter to a half of its time when it falls inside it, comes every second or third run: with the ways always
    in the same order it could fall on the same way each round, and the ratio of the two would tell which way
    went first rather than which is faster."""
    return list(ways) if round_number % 2 == 0 else list(reversed(ways))


def workload_in_cells(kc, workload, steps, rounds):
    """Nanoseconds per step of a workload run from a cell, per way of running it: the medians of `rounds` runs after
    WARM_UP_ROUNDS, and the first run, as "<way>_first"."""
    kc.execute_interactive(workload["define"], timeout=120, output_hook=lambda m: None)
    ways = [way for way in ("loop", "run") if way in workload]
    times = {way: [] for way in ways}
    first = {}
    for i in range(WARM_UP_ROUNDS + rounds):
        for way in order_of_ways(ways, i):
            nanos = int(cell_value(kc, workload[way]).rstrip("L"))
            first.setdefault(way + "_first", nanos / steps)
            if i >= WARM_UP_ROUNDS:
                times[way].append(nanos / steps)
    return {**{way: statistics.median(t) for way, t in times.items()}, **first}


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def bench(kernel_name, starts, trips, spawn_rounds=4, retained_cells=500):
    kind = flavour(kernel_name)
    language = "python" if kind == "python" else "java"
    basket = BASKETS[kind]
    start_times, first_results, rss_first = [], [], []
    for i in range(starts):
        km, kc, seconds, rss, first = start(kernel_name, basket[0])
        start_times.append(seconds)
        first_results.append(first)
        rss_first.append(rss)
        if i < starts - 1:
            stop(km, kc)
    time.sleep(2)
    pid = kernel_pid(km)
    rss_settled = rss_mb(pid)
    if kind in SETUP:
        kc.execute_interactive(SETUP[kind], timeout=120, output_hook=lambda m: None)
    for code in basket:
        round_trips(kc, code, max(20, trips // 5))  # warm up
    results = {code: [] for code in basket}
    for _ in range(trips):  # one cell of each in turn, as a session mixes them
        for code in basket:
            results[code] += round_trips(kc, code, 1)
    rss_after = rss_mb(pid)
    spawn = workload_in_cells(kc, SPAWN[kind], SPAWN_STEPS, spawn_rounds) if spawn_rounds > 0 and kind in SPAWN else {}
    pingpong = (workload_in_cells(kc, PINGPONG[kind], PINGPONG_ROUND_TRIPS, spawn_rounds)
                if spawn_rounds > 0 and kind in PINGPONG else {})
    stop(km, kc)
    km, kc, _, _, _ = start(kernel_name, basket[0])  # a fresh kernel, so that only the simple cells are in it
    retained = retained_per_cell(kc, language, RETAINED_WARM_UP, retained_cells) if retained_cells > 0 else {}
    stop(km, kc)
    return {
        "retained": retained,
        "retained_cells": retained_cells,
        "spawn": spawn,
        "pingpong": pingpong,
        "start": start_times,
        "first_result": first_results,
        "rss_first": statistics.median(rss_first),
        "rss_settled": rss_settled,
        "rss_after": rss_after,
        "trips": results,
        "basket_ms": statistics.geometric_mean([statistics.median(t) for t in results.values()]),
    }


def figures(kernel_name, r):
    """The medians of one kernel's run, as bench/run.py's kernel workload reports them."""
    return {
        "workload": "kernel",
        "kernel": kernel_name,
        "start_s": round(statistics.median(r["start"]), 4),
        "first_result_s": round(statistics.median(r["first_result"]), 3),
        "basket_ms": round(r["basket_ms"], 3),
        "rss_mb": round(r["rss_first"], 1),
        "rss_settled_mb": round(r["rss_settled"], 1),
        **{"retained_%s_kb_per_cell" % part: round(b / 1024, 2) for part, b in r["retained"].items()},
        **{"spawn_%s_ns" % way: round(ns, 1) for way, ns in r["spawn"].items()},
        **{"pingpong_%s_ns" % way: round(ns, 1) for way, ns in r["pingpong"].items()},
        **({"spawn_loop_over_run": round(r["spawn"]["loop"] / r["spawn"]["run"], 3)}
           if {"loop", "run"} <= r["spawn"].keys() else {}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="kernel starts to time (default 5)")
    parser.add_argument("--trips", type=int, default=100, help="timed round trips per cell (default 100)")
    parser.add_argument("--spawn-rounds", type=int, default=4,
                        help="timed runs of the spawn and ping-pong workloads from a cell, after %d warm-ups"
                             " (default 4, an even number: see order_of_ways; 0: none)" % WARM_UP_ROUNDS)
    parser.add_argument("--retained-cells", type=int, default=500,
                        help="simple cells, after 100 to warm up, over which to measure the memory kept per cell"
                             " (default 500; 0: none)")
    parser.add_argument("--json", action="store_true", help="print one JSON line of medians per kernel, nothing else")
    parser.add_argument("kernels", nargs="*", default=["java-asyncrt", "python3"])
    args = parser.parse_args()
    os.environ.setdefault("ASYNCRT_KERNEL_HISTORY_FILE", os.path.join(tempfile.mkdtemp(), "history.jsonl"))
    if args.json:
        for name in args.kernels:
            print(json.dumps(figures(name, bench(name, args.starts, args.trips, args.spawn_rounds, args.retained_cells))), flush=True)
        return
    print("kernel benchmarks: %d starts, %d round trips per cell, %d CPUs, load average %.1f"
          % (args.starts, args.trips, os.cpu_count(), os.getloadavg()[0]))
    for name in args.kernels:
        r = bench(name, args.starts, args.trips, args.spawn_rounds, args.retained_cells)
        s = sorted(r["start"])
        print("\n%s" % name)
        print("  start to first kernel_info_reply: median %.3f s  (min %.3f, max %.3f)"
              % (statistics.median(s), s[0], s[-1]))
        f = sorted(r["first_result"])
        print("  start to the first compiled result: median %.3f s  (min %.3f, max %.3f)"
              % (statistics.median(f), f[0], f[-1]))
        print("  RSS: %.0f MB at first reply, %.0f MB settled after a cell, %.0f MB after the round trips"
              % (r["rss_first"], r["rss_settled"], r["rss_after"]))
        for code, times in r["trips"].items():
            t = sorted(times)
            print("  warm round trip %-40r median %6.2f ms  p90 %6.2f ms  min %6.2f ms"
                  % (code, statistics.median(t), t[int(len(t) * 0.9)], t[0]))
        print("  the basket: geometric mean of the medians %.2f ms" % r["basket_ms"])
        for part, b in r["retained"].items():
            print("  %s kept per simple cell, over %d cells: %.1f KB" % (part, r["retained_cells"], b / 1024))
        ways = {"loop": "awaited on the kernel's loop:", "run": "in Asyncio.run:",
                "loop_first": "the first run, on the loop:", "run_first": "the first run, Asyncio.run:"}
        for way, ns in r["spawn"].items():
            print("  spawn workload from a cell, %-28s %7.1f ns per task step" % (ways[way], ns))
        for way, ns in r["pingpong"].items():
            print("  ping-pong from a cell, %-28s %7.1f ns per round trip" % (ways[way], ns))
        if {"loop", "run"} <= r["spawn"].keys():
            print("  the kernel's loop against Asyncio.run: %.2fx the time" % (r["spawn"]["loop"] / r["spawn"]["run"]))
    print("\nload average at the end: %.1f (other work on the machine skews every figure)" % os.getloadavg()[0])


if __name__ == "__main__":
    main()

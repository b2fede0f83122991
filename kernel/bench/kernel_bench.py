"""Kernel benchmarks through jupyter_client, ours beside ipykernel, measured in the same run.

For each kernel: time from launching the kernel process to its first kernel_info_reply; resident memory
(RSS) right after that reply and once it has settled; the round trip of a trivial cell (send execute_request,
receive execute_reply) once warm, for `1+1` and for a cell that needs the compiler (`Math.max(1, 2)` in Java,
`max(1, 2)` in Python); the spawn workload of bench/run run from a cell, awaited on the kernel's own loop
and (our kernel) in Asyncio.run; in a fresh kernel, the memory kept per simple cell over 500 cells (see
RETAINED). Prints figures; asserts nothing.

Usage: .venv/bin/python kernel_bench.py [--starts N] [--trips N] [--json] [KERNEL ...]
       (default kernels: java-asyncrt python3)

With --json it prints one JSON line of medians per kernel instead, the line bench/run.py reads for
its kernel workload (bench/run runs it once for our kernel and once for ipykernel).
"""
import argparse
import json
import os
import statistics
import tempfile
import time

from jupyter_client.manager import KernelManager

CELLS = {
    "java": {"trivial": "1+1", "compiled": "Math.max(1, 2)"},
    "python": {"trivial": "1+1", "compiled": "max(1, 2)"},
}


# The spawn workload of bench/run (100 000 tasks that each await sleep(0) ten times, gathered), run from a cell:
# awaited on the kernel's own loop, and (for our kernel) in Asyncio.run, which makes a fresh loop for the call.
# Each cell times itself, so the figure is the loop's work alone, not the round trip around it.
SPAWN_STEPS = 100_000 * (10 + 1)
SPAWN = {
    "java": {
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
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


def start(kernel_name):
    """Starts a kernel; returns (manager, client, seconds to the first kernel_info_reply)."""
    km = KernelManager(kernel_name=kernel_name)
    began = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    return km, kc, time.perf_counter() - began


def round_trips(kc, code, n):
    """Milliseconds from sending an execute_request to its execute_reply, n times."""
    times = []
    for _ in range(n):
        began = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        times.append((time.perf_counter() - began) * 1000)
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


def spawn_in_cells(kc, language, rounds):
    """Nanoseconds per task step of the spawn workload run from a cell, per way of running it (medians)."""
    spawn = SPAWN[language]
    kc.execute_interactive(spawn["define"], timeout=120, output_hook=lambda m: None)
    ways = [way for way in ("loop", "run") if way in spawn]
    times = {way: [] for way in ways}
    for i in range(rounds + 1):  # the first round warms up
        for way in ways:
            nanos = int(cell_value(kc, spawn[way]).rstrip("L"))
            if i > 0:
                times[way].append(nanos / SPAWN_STEPS)
    return {way: statistics.median(t) for way, t in times.items()}


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def bench(kernel_name, starts, trips, spawn_rounds=3, retained_cells=500):
    language = KernelManager(kernel_name=kernel_name).kernel_spec.language
    cells = CELLS.get(language, CELLS["python"])
    start_times, rss_first, rss_settled = [], [], []
    for i in range(starts):
        km, kc, seconds = start(kernel_name)
        start_times.append(seconds)
        pid = km.provisioner.pid if hasattr(km, "provisioner") and km.provisioner else km.kernel.pid
        rss_first.append(rss_mb(pid))
        kc.wait_for_ready(timeout=120)
        if i < starts - 1:
            stop(km, kc)
    kc.execute_interactive(cells["trivial"], timeout=120, output_hook=lambda m: None)
    time.sleep(2)
    rss_settled.append(rss_mb(pid))
    results = {}
    for label, code in cells.items():
        round_trips(kc, code, max(20, trips // 5))  # warm up
        results[label] = round_trips(kc, code, trips)
    rss_after = rss_mb(pid)
    spawn = spawn_in_cells(kc, language, spawn_rounds) if spawn_rounds > 0 else {}
    stop(km, kc)
    km, kc, _ = start(kernel_name)  # a fresh kernel, so that only the simple cells are in it
    kc.wait_for_ready(timeout=120)
    retained = retained_per_cell(kc, language, RETAINED_WARM_UP, retained_cells) if retained_cells > 0 else {}
    stop(km, kc)
    return {
        "retained": retained,
        "retained_cells": retained_cells,
        "spawn": spawn,
        "start": start_times,
        "rss_first": statistics.median(rss_first),
        "rss_settled": rss_settled[0],
        "rss_after": rss_after,
        "trips": results,
        "cells": cells,
    }


def figures(kernel_name, r):
    """The medians of one kernel's run, as bench/run.py's kernel workload reports them."""
    return {
        "workload": "kernel",
        "kernel": kernel_name,
        "start_s": round(statistics.median(r["start"]), 4),
        "trivial_ms": round(statistics.median(r["trips"]["trivial"]), 3),
        "compiled_ms": round(statistics.median(r["trips"]["compiled"]), 3),
        "rss_mb": round(r["rss_first"], 1),
        "rss_settled_mb": round(r["rss_settled"], 1),
        **{"retained_%s_kb_per_cell" % part: round(b / 1024, 2) for part, b in r["retained"].items()},
        **{"spawn_%s_ns" % way: round(ns, 1) for way, ns in r["spawn"].items()},
        **({"spawn_loop_over_run": round(r["spawn"]["loop"] / r["spawn"]["run"], 3)}
           if {"loop", "run"} <= r["spawn"].keys() else {}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="kernel starts to time (default 5)")
    parser.add_argument("--trips", type=int, default=200, help="timed round trips per cell (default 200)")
    parser.add_argument("--spawn-rounds", type=int, default=3,
                        help="timed runs of the spawn workload from a cell, after one warm-up (default 3; 0: none)")
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
        print("  RSS: %.0f MB at first reply, %.0f MB settled after a cell, %.0f MB after the round trips"
              % (r["rss_first"], r["rss_settled"], r["rss_after"]))
        for label, times in r["trips"].items():
            t = sorted(times)
            print("  warm round trip %-16r median %6.2f ms  p90 %6.2f ms  min %6.2f ms"
                  % (r["cells"][label], statistics.median(t), t[int(len(t) * 0.9)], t[0]))
        for part, b in r["retained"].items():
            print("  %s kept per simple cell, over %d cells: %.1f KB" % (part, r["retained_cells"], b / 1024))
        for way, ns in r["spawn"].items():
            print("  spawn workload from a cell, %-28s %7.1f ns per task step"
                  % ({"loop": "awaited on the kernel's loop:", "run": "in Asyncio.run:"}[way], ns))
        if {"loop", "run"} <= r["spawn"].keys():
            print("  the kernel's loop against Asyncio.run: %.2fx the time" % (r["spawn"]["loop"] / r["spawn"]["run"]))
    print("\nload average at the end: %.1f (other work on the machine skews every figure)" % os.getloadavg()[0])


if __name__ == "__main__":
    main()

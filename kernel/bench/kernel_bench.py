"""Kernel benchmarks through jupyter_client, ours beside ipykernel, measured in the same run.

For each kernel: time from launching the kernel process to its first kernel_info_reply; resident memory
(RSS) right after that reply and once it has settled; the round trip of a trivial cell (send execute_request,
receive execute_reply) once warm, for `1+1` and for a cell that needs the compiler (`Math.max(1, 2)` in Java,
`max(1, 2)` in Python). Prints figures; asserts nothing.

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


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def bench(kernel_name, starts, trips):
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
    stop(km, kc)
    return {
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
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5, help="kernel starts to time (default 5)")
    parser.add_argument("--trips", type=int, default=200, help="timed round trips per cell (default 200)")
    parser.add_argument("--json", action="store_true", help="print one JSON line of medians per kernel, nothing else")
    parser.add_argument("kernels", nargs="*", default=["java-asyncrt", "python3"])
    args = parser.parse_args()
    os.environ.setdefault("ASYNCRT_KERNEL_HISTORY_FILE", os.path.join(tempfile.mkdtemp(), "history.jsonl"))
    if args.json:
        for name in args.kernels:
            print(json.dumps(figures(name, bench(name, args.starts, args.trips))), flush=True)
        return
    print("kernel benchmarks: %d starts, %d round trips per cell, %d CPUs, load average %.1f"
          % (args.starts, args.trips, os.cpu_count(), os.getloadavg()[0]))
    for name in args.kernels:
        r = bench(name, args.starts, args.trips)
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
    print("\nload average at the end: %.1f (other work on the machine skews every figure)" % os.getloadavg()[0])


if __name__ == "__main__":
    main()

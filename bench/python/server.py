"""server: measures a web server under wrk — the seed's section-15 server, in Java or in Python.

    python3 server.py -- COMMAND...

Starts COMMAND with a free port appended, waits until it listens, runs wrk -t1 -c64 for 5 s (the warm-up, whose
requests per second are reported too: what a user sees first) and then for 10 s, stops it with SIGTERM, and
reports requests per second, the 99th percentile of latency, and the CPU time the server (all its threads) and
wrk spent per request.
wrk and the server share the machine's cores, so requests per second also depend on wrk's share;
the CPU time per request is the server's own cost.

The server's output goes to /dev/null, block-buffered: Python's default for an output that is not
a terminal (PYTHONUNBUFFERED is cleared for it), and what the Java main asyncrt.bench.Server15 sets up.
"""
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time

from common import report

WARM_UP_S = 5
MEASURE_S = 10
UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with code {server.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"the server did not listen on port {port} within {timeout} s")


def cpu_seconds(pid):
    """User plus system CPU time of process pid so far, all its threads (from /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrk(port, seconds):
    """Returns (requests per second, p99 latency in ms)."""
    out = subprocess.run(["wrk", "-t1", "-c64", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}/"],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return rps, float(value) * UNITS_MS[unit]


def main():
    if "--" not in sys.argv:
        sys.exit(__doc__)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    command = sys.argv[sys.argv.index("--") + 1:]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    server = subprocess.Popen([*command, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_until_listening(port, server)
        first_rps, _ = wrk(port, WARM_UP_S)
        server_cpu, wrk_cpu = cpu_seconds(server.pid), children_cpu_seconds()
        rps, p99 = wrk(port, MEASURE_S)
        requests = rps * MEASURE_S
        server_cpu_us = (cpu_seconds(server.pid) - server_cpu) / requests * 1e6
        wrk_cpu_us = (children_cpu_seconds() - wrk_cpu) / requests * 1e6
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    report("server", req_per_s=round(rps), first_req_per_s=round(first_rps), p99_ms=round(p99, 2),
           server_cpu_us_per_req=round(server_cpu_us, 1), wrk_cpu_us_per_req=round(wrk_cpu_us, 1))


if __name__ == "__main__":
    main()

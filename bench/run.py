#!/usr/bin/env python3
"""Runs asyncrt's workloads beside the same programs on CPython asyncio and uvloop, and the Java
kernel beside ipykernel, in one session; prints a table of the figures, the ratios and the targets.
Writes target/bench/results.md, results.json and results.svg.

    bench/run [--only spawn,memory,...] [--rounds N] [--jmh] [--docs]

A workload is a row of the WORKLOADS table below: a Java main (bench/src/main/java/asyncrt/bench),
run on both of asyncrt's backends, and a Python script (bench/python), run on asyncio and uvloop,
doing the same work; each prints one JSON line of figures. A workload may also have a driver that
measures each peer from outside (server.py: under wrk) and something all its peers share for the
whole run (a server to request from, an installed kernelspec). --jmh adds JMH micro-benchmarks of
the loop's hot paths (bench/src/main/java/asyncrt/bench/jmh). --docs also writes docs/benchmarks.md
and docs/benchmarks.svg, with bench/where-the-time-goes.md under the table.
"""
import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DIR = ROOT / "bench" / "python"
sys.path.insert(0, str(PYTHON_DIR))
sys.path.insert(0, str(ROOT / "bench"))
from server import free_port, wait_until_listening  # noqa: E402  (the wrk driver's helpers)
from peer_cpython import PeerCPython, choose as choose_peer_cpython  # noqa: E402

# bench/run starts this script with the project's Python (requirements.txt): the harness, which runs the drivers
# and the Jupyter client. The Python peers run on the fastest CPython here (peer_cpython.py), given to the
# functions below as `cpython`.
PYTHON = sys.executable
EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"
# The "tuned" column's flags, which the README recommends for servers and long runs; the headline column runs
# plain `java` with asyncrt's one required option, as a learner or user starts it. Young collections copy every
# live suspended continuation, which is costly; a young generation large enough for a workload's garbage keeps
# them out of the measurement, as a server's heap settings would. The heap is touched at start-up (in
# transparent huge pages where the OS offers them) so that the measured runs find it mapped, as a long-running
# process would: without that, the first pass of allocation through the young generation pays a page fault
# per 4 KB, which more than doubled spawn's time per step on this machine.
JVM_FLAGS = ["-XX:+UseParallelGC", "-Xms2g", "-Xmn1g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"]
# JJava, the Java kernel the course would otherwise use, is a peer of the kernel workload only: installed from
# PyPI for the run into the kernel's temporary prefix, not a tool of the project (so not in requirements.txt).
JJAVA_PACKAGE = "jjava==1.0a8"

PEERS = ["asyncrt", "asyncrt (tuned JVM)", "asyncrt (virtual threads)", "CPython asyncio", "uvloop", "JJava"]
OURS, TUNED, VIRTUAL_THREADS, ASYNCIO, UVLOOP, JJAVA = PEERS
# Not a peer but a measuring stick, in the notes under the table: the least any server can do per request
# (bench/floor/floor_server.c), measured the same way when gcc is here.
FLOOR = "floor"


# ---- how a workload is described -----------------------------------------------------------------

@dataclass
class Target:
    """A goal for asyncrt's figure (the first column), checked against the figures of the same run."""
    text: str
    met: Callable[[dict], bool]  # the metric's values by peer -> met?


def at_most(limit, unit):
    return Target(f"≤ {limit:g} {unit}", lambda v: v[OURS] <= limit)


def at_most_part_of(peer, part, text):
    return Target(text, lambda v: v[OURS] <= part * v[peer])


def at_least_times(peer, factor, text):
    return Target(text, lambda v: v[OURS] >= factor * v[peer])


@dataclass
class Metric:
    key: str  # in the JSON line
    label: str
    unit: str
    targets: list = field(default_factory=list)
    higher_is_better: bool = False


@dataclass
class Shared:
    """What all peers of a workload use for the whole run: arguments appended to each command, environment added."""
    args: list = field(default_factory=list)
    env: dict = field(default_factory=dict)


@dataclass
class Workload:
    name: str
    metrics: list
    java_main: str = ""  # run on both backends
    python_script: str = ""  # in bench/python, run on asyncio and with --uvloop; none: asyncrt only
    virtual_threads: bool = True  # also run java_main on the virtual-thread backend
    # Runs each peer's command and measures it from outside (server.py: under wrk).
    driver: str = ""
    # A context manager factory (given the java binary and the peers' CPython) yielding a Shared: set up once,
    # before the rounds.
    shared: Optional[Callable] = None
    # Instead of java_main and python_script: (java, the peers' CPython) -> {peer: command}.
    commands: Optional[Callable] = None
    # A C program in bench/ run beside the peers as the FLOOR reference (through the driver), if gcc can build it.
    reference: str = ""


# ---- what some workloads share ---------------------------------------------------------------------

@contextlib.contextmanager
def section_15_server(java, cpython):
    """One server process that every fan-out peer requests from: the seed's section-15 server,
    asyncrt.examples.WebServer on asyncrt's continuation backend (one response per connection)."""
    port = free_port()
    server = subprocess.Popen([*java_command(java, [EXPORT], "asyncrt.bench.Server15"), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_listening(port, server)
        if shutil.which("wrk"):  # compile the server's hot paths before the first peer measures
            subprocess.run(["wrk", "-t1", "-c64", "-d2s", f"http://127.0.0.1:{port}/"], capture_output=True)
        yield Shared(args=[str(port)])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


@contextlib.contextmanager
def kernel_installed_in_a_temporary_prefix(java, cpython):
    """The kernelspecs java-asyncrt, installed by ./install.sh --prefix into a temporary directory
    (the user's own kernelspecs stay as they are), and python3, ipykernel on the peers' CPython,
    found through JUPYTER_PATH."""
    with tempfile.TemporaryDirectory(prefix="asyncrt-bench-jupyter-") as prefix:
        print("  kernel: ./install.sh --prefix " + prefix + " ...", file=sys.stderr, flush=True)
        done = subprocess.run([str(ROOT / "install.sh"), "--prefix", prefix], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"./install.sh --prefix {prefix} failed:\n{done.stdout}\n{done.stderr}")
        print(f"  kernel: pip install {JJAVA_PACKAGE} --prefix {prefix} ...", file=sys.stderr, flush=True)
        jjava = subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--prefix", prefix, JJAVA_PACKAGE],
                               capture_output=True, text=True)
        if jjava.returncode != 0:
            print(f"  kernel: JJava not installed, its column stays empty:\n{jjava.stderr}", file=sys.stderr)
        subprocess.run([cpython.executable, "-m", "ipykernel", "install", "--prefix", prefix, "--name", "python3"],
                       check=True, capture_output=True)
        path = os.pathsep.join(p for p in (prefix + "/share/jupyter", os.environ.get("JUPYTER_PATH")) if p)
        # JJava's kernelspec runs the `java` on the PATH: the same JDK as ours.
        yield Shared(env={"JUPYTER_PATH": path, "PATH": str(Path(java).parent) + os.pathsep + os.environ["PATH"]})


def kernel_commands(java, cpython):
    """Our kernel in asyncrt's column, ipykernel (which runs on asyncio) in asyncio's, JJava in its own."""
    kernel_bench = [PYTHON, str(ROOT / "kernel" / "bench" / "kernel_bench.py"), "--json"]
    return {OURS: [*kernel_bench, "java-asyncrt"], ASYNCIO: [*kernel_bench, "python3"], JJAVA: [*kernel_bench, "java"]}


# ---- the workloads ---------------------------------------------------------------------------------

WORKLOADS = [
    Workload("spawn", [
        Metric("ns_per_step", "spawn: 100 000 tasks × 10 sleep(0)", "ns/step",
               [at_most(250, "ns"), at_most_part_of(ASYNCIO, 1 / 6, "≤ 1/6 of asyncio")])],
        java_main="asyncrt.bench.Spawn", python_script="spawn.py"),
    Workload("spawn-timeline", [
        Metric("timeline_ns_per_step", "spawn with a Timeline recording (%%timeline)", "ns/step"),
        Metric("ratio", "spawn: with a Timeline ÷ without, same JVM", "×", [at_most(2, "×")])],
        java_main="asyncrt.bench.SpawnTimeline", virtual_threads=False),
    Workload("memory", [
        Metric("bytes_per_task", "memory: 100 000 suspended tasks", "B/task",
               [at_most(600, "B"), at_most_part_of(ASYNCIO, 1 / 2, "≤ 1/2 of asyncio")])],
        java_main="asyncrt.bench.Memory", python_script="memory.py"),
    Workload("timers", [
        Metric("total_s", "timers: 100 000 sleeps in [0, 1 s], total", "s", [at_most(1.1, "s")]),
        Metric("p50_late_ms", "timers: lateness p50", "ms"),
        Metric("p99_late_ms", "timers: lateness p99", "ms", [at_most(5, "ms")])],
        java_main="asyncrt.bench.Timers", python_script="timers.py"),
    Workload("timers-first-step", [
        Metric("await_future_ns", "timers, first step in parts: await a future", "ns"),
        Metric("future_and_timer_ns", "… also make the future and its timer (what sleep does)", "ns"),
        Metric("sleep_ns", "… through sleep itself (its coroutine around them)", "ns"),
        Metric("sleep_bytes", "timers, first step: bytes allocated, through sleep", "B")],
        java_main="asyncrt.bench.TimersFirstStep", virtual_threads=False),
    Workload("pingpong", [
        Metric("ns_per_round_trip", "ping-pong: 1 000 000 round trips through two Queue(1)", "ns",
               [at_most(500, "ns"), at_most_part_of(ASYNCIO, 1 / 10, "≤ 1/10 of asyncio")])],
        java_main="asyncrt.bench.PingPong", python_script="pingpong.py"),
    Workload("server", [
        Metric("req_per_s", "server: section 15 under wrk -t1 -c64 -d10s, after 5 s of warm-up", "req/s",
               [at_least_times(UVLOOP, 1.2, "≥ 1.2 × uvloop")], higher_is_better=True),
        Metric("first_req_per_s", "server: the first 5 s (the warm-up)", "req/s", higher_is_better=True),
        Metric("p99_ms", "server: latency p99", "ms"),
        Metric("server_cpu_us_per_req", "server: the server's CPU time per request (all its threads)", "µs"),
        Metric("wrk_cpu_us_per_req", "server: wrk's CPU time per request", "µs")],
        java_main="asyncrt.bench.Server15", python_script="server15.py", driver="server.py",
        reference="floor/floor_server.c"),
    Workload("fanout", [
        Metric("req_per_s", "fan-out: gather 10 000 GETs, 64 at a time, over the loop's streams", "req/s",
               higher_is_better=True),
        Metric("seconds", "fan-out: total", "s"),
        Metric("httpclient_req_per_s", "fan-out: the same through HttpClient.sendAsync + wrapFuture", "req/s",
               higher_is_better=True)],
        java_main="asyncrt.bench.FanOut", python_script="fanout.py", shared=section_15_server),
    Workload("kernel", [
        Metric("start_s", "kernel: start to first kernel_info_reply", "s",
               [at_most_part_of(ASYNCIO, 1, "≤ ipykernel's")]),
        Metric("first_result_s", "kernel: start to the result of its first cell, Math.max(1, 2) / max(1, 2)", "s",
               [at_most_part_of(ASYNCIO, 2, "≤ 2× ipykernel's")]),
        Metric("basket_ms", "kernel: warm round trip of typical cells (geometric mean)", "ms",
               [at_most_part_of(ASYNCIO, 3, "≤ 3× ipykernel's"), at_most_part_of(JJAVA, 0.5, "≤ ½ JJava's")]),
        Metric("rss_mb", "kernel: resident memory after start", "MB", [at_most(200, "MB")]),
        Metric("retained_heap_kb_per_cell", "kernel: heap kept per simple cell, over 500 cells", "KB",
               [at_most(20, "KB")]),
        Metric("retained_metaspace_kb_per_cell", "kernel: metaspace kept per simple cell (the cell's class)", "KB"),
        Metric("spawn_loop_ns", "kernel: spawn awaited in a cell, on the kernel's loop", "ns/step",
               [at_most_part_of(ASYNCIO, 1 / 6, "≥ 6× faster than in ipykernel")]),
        Metric("spawn_loop_first_ns", "kernel: … its first run in the kernel (the JIT compiler still at work)", "ns/step"),
        Metric("spawn_run_ns", "kernel: spawn in Asyncio.run in a cell (ipykernel refuses it)", "ns/step"),
        Metric("pingpong_loop_ns", "kernel: ping-pong (200 000 round trips) awaited in a cell", "ns",
               [at_most_part_of(ASYNCIO, 1 / 6, "≥ 6× faster than in ipykernel")]),
        Metric("spawn_loop_over_run", "kernel: spawn on the kernel's loop ÷ in Asyncio.run", "×",
               [at_most(1.1, "×")])],
        commands=kernel_commands, shared=kernel_installed_in_a_temporary_prefix),
    Workload("course", [
        Metric("seconds", "course: every notebook run headless (run_notebooks.py)", "s")],
        commands=lambda java, cpython: {OURS: [PYTHON, "course.py"]}, shared=kernel_installed_in_a_temporary_prefix),
]


# ---- running the peers -----------------------------------------------------------------------------

def java_command(java, backend_flags, main, tuned=False):
    classpath = os.pathsep.join(str(ROOT / p) for p in ("bench/target/classes", "asyncrt/target/classes",
                                                          "asyncrt/target/test-classes"))
    return [java, *backend_flags, *(JVM_FLAGS if tuned else []), "-cp", classpath, main]


def peer_commands(workload, java, cpython):
    """{peer: command} for one workload; a peer without a command is left out of its row."""
    if workload.commands:
        return workload.commands(java, cpython)
    commands = {OURS: java_command(java, [EXPORT], workload.java_main),
                TUNED: java_command(java, [EXPORT], workload.java_main, tuned=True)}
    if workload.virtual_threads:
        commands[VIRTUAL_THREADS] = java_command(java, ["-Dasyncrt.backend=virtual-thread"], workload.java_main)
    if workload.python_script:
        commands[ASYNCIO] = [cpython.executable, workload.python_script]
        if cpython.has_uvloop:
            commands[UVLOOP] = [cpython.executable, workload.python_script, "--uvloop"]
    if workload.reference and (floor := built_reference(workload.reference)):
        commands[FLOOR] = [floor]
    if workload.driver:
        commands = {peer: [PYTHON, workload.driver, "--", *command] for peer, command in commands.items()}
    return commands


def built_reference(source):
    """The C program bench/SOURCE compiled into target/bench (once), or None without gcc or when it fails."""
    binary = ROOT / "target" / "bench" / Path(source).stem
    if not binary.exists() or binary.stat().st_mtime < (ROOT / "bench" / source).stat().st_mtime:
        if shutil.which("gcc") is None:
            return None
        binary.parent.mkdir(parents=True, exist_ok=True)
        built = subprocess.run(["gcc", "-O2", "-o", str(binary), str(ROOT / "bench" / source)], capture_output=True, text=True)
        if built.returncode != 0:
            print(f"  {source}: gcc failed, no floor in the report:\n{built.stderr}", file=sys.stderr)
            return None
    return str(binary)


def run(command, shared):
    done = subprocess.run([*command, *shared.args], cwd=PYTHON_DIR, env={**os.environ, **shared.env},
                          capture_output=True, text=True, timeout=900)
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{' '.join(command)} printed no figures:\n{done.stdout}\n{done.stderr}")


def best(workload, runs):
    """The run that did best on the workload's first metric: contention on a shared machine only
    ever slows a run down, so the best of several estimates each peer alike."""
    metric = workload.metrics[0]
    pick = max if metric.higher_is_better else min
    return pick(runs, key=lambda figures: figures[metric.key])


def measure_rounds(workloads, java, cpython, rounds, failures):
    """Sets up what workloads share, then runs every workload's peers in turn, `rounds` times over;
    keeps each peer's best run. A run that fails or times out is added to `failures` as (workload, peer,
    reason) and the others go on: one peer's trouble leaves its cells empty, not the whole report."""
    runs = {}
    with contextlib.ExitStack() as stack:
        shared = {w.name: stack.enter_context(w.shared(java, cpython)) if w.shared else Shared() for w in workloads}
        for n in range(rounds):
            if rounds > 1:
                print(f"  round {n + 1} of {rounds}", file=sys.stderr, flush=True)
            for workload in workloads:
                for peer, command in peer_commands(workload, java, cpython).items():
                    print(f"  {workload.name}: {peer} ...", file=sys.stderr, flush=True)
                    peer_runs = runs.setdefault(workload.name, {}).setdefault(peer, [])
                    try:
                        peer_runs.append(run(command, shared[workload.name]))
                    except (RuntimeError, subprocess.TimeoutExpired) as e:
                        reason = (str(e).strip().splitlines() or [type(e).__name__])[0]
                        print(f"  {workload.name}: {peer} failed: {e}", file=sys.stderr, flush=True)
                        failures.append((workload.name, peer, reason))
    by_name = {w.name: w for w in workloads}
    return {name: {peer: best(by_name[name], peer_runs) for peer, peer_runs in peers.items() if peer_runs}
            for name, peers in runs.items()}


# ---- the report -----------------------------------------------------------------------------------

def fmt(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def ratio(peer, ours, higher_is_better=False):
    if peer in (None, 0) or ours in (None, 0):
        return "—"
    return f"{(ours / peer if higher_is_better else peer / ours):.1f}×"


def verdict(target, values):
    try:
        return f"{target.text} {'✔' if target.met(values) else '✘'}"
    except (KeyError, TypeError):  # a figure it needs is missing
        return f"{target.text} ?"


def table(results, cpython):
    header = ["workload", "unit", *PEERS, "asyncio ÷ asyncrt", "uvloop ÷ asyncrt", "JJava ÷ asyncrt",
              "target (✔ met, ✘ missed)"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for workload in WORKLOADS:
        if workload.name not in results:
            continue
        figures = results[workload.name]
        for metric in workload.metrics:
            values = {peer: figures.get(peer, {}).get(metric.key) for peer in PEERS}
            ours = values[OURS]
            rows.append("| " + " | ".join([
                metric.label, metric.unit, *(fmt(values[peer]) for peer in PEERS),
                ratio(values[ASYNCIO], ours, metric.higher_is_better), ratio(values[UVLOOP], ours, metric.higher_is_better),
                ratio(values[JJAVA], ours, metric.higher_is_better),
                ", ".join(verdict(t, values) for t in metric.targets)]) + " |")
    notes = [
        "Ratios are peer ÷ asyncrt (plain java), or asyncrt ÷ peer where more is better (req/s):"
        " above 1× means asyncrt is faster or smaller.",
        f"asyncrt and asyncrt (virtual threads): plain `java` with default options (the first adds {EXPORT}, which"
        f" the continuation backend needs), as a user runs a program; asyncrt (tuned JVM) adds {' '.join(JVM_FLAGS)}."
        " The targets are checked against the plain column.",
    ]
    if "spawn-timeline" in results:
        notes.append("spawn-timeline: one JVM runs spawn alternately as it is and with an asyncrt.introspect.Timeline"
                     " attached to each new loop (what %%timeline does to a cell); medians of 5 each, continuations only.")
    if "timers" in results:
        notes.append("timers: asyncrt's figures are medians of 5 runs after 5 warm-ups, each run started after a full"
                     " collection (System.gc(), untimed); CPython's come from one run in a fresh process.")
    if "timers-first-step" in results:
        notes.append("timers-first-step: one loop iteration running 100 000 first steps (the pass that sets the timers"
                     " workload's p99), the loop thread's CPU time per step; medians of 20 after 20 warm-ups, continuations only.")
    floor = results.get("server", {}).get(FLOOR)
    if floor:
        notes.append(f"server, floor: the least any server can do per request (bench/floor/floor_server.c: C, epoll,"
                     f" no output), under the same wrk: {floor['req_per_s']} req/s after the warm-up, at"
                     f" {floor['server_cpu_us_per_req']} µs of server CPU per request, while wrk spent"
                     f" {floor['wrk_cpu_us_per_req']} µs. Which side of the loopback sets the pace depends on the"
                     " machine (bench/where-the-time-goes.md): where wrk's one thread is the limit, a server that"
                     " answers sooner leaves wrk more wake-ups to pay, and requests per second rank servers by how"
                     " much of wrk's work they spare it; the server's CPU time per request ranks them by their cost.")
    if "fanout" in results:
        notes.append("fan-out: every peer requests from one server process, started once for the run: the section-15 server"
                     " (asyncrt.examples.WebServer, asyncrt on continuations, one response per connection; its own figures"
                     " are the server row). Each request is a new connection. The HttpClient row is Java only"
                     " (there is no aiohttp here).")
    if "kernel" in results:
        notes.append("kernel: our kernel (java-asyncrt, installed by ./install.sh into a temporary prefix) in the asyncrt"
                     " column, ipykernel in the CPython asyncio column, JJava (" + JJAVA_PACKAGE + ", on the same JDK)"
                     " in its own; medians of kernel/bench/kernel_bench.py (5 starts, 100 warm round trips of each cell"
                     " of the basket, taken in turn; the workloads in cells: 4 runs after 2 that warm up, the ways of"
                     " running one taken in the order A B, B A, and the very first run). The basket: an expression,"
                     " a variable and its use, a method declaration, a print, an await (JJava, which has none:"
                     " Thread.yield()), a record (Python: a NamedTuple class) and a method call; its figure is the"
                     " geometric mean of the cells' medians."
                     " Memory kept per cell: in a fresh kernel, 100 simple cells (a declaration, a call, a print, in"
                     " turn), then 500 more; the heap in use after a full collection (Java: System.gc() and the heap's"
                     " usage; Python: gc.collect() and tracemalloc) at the two points, the difference divided by 500.")
    notes.append(cpython.describe())
    if not cpython.has_uvloop:
        notes.append(f"uvloop was not found for {cpython.executable} (requirements.txt pins it): its column is empty.")
    return "\n".join(rows) + "\n\n" + "\n".join("- " + n for n in notes) + "\n"


def jmh(java):
    """Runs the JMH hot-path benchmarks; returns a Markdown table of ns/op."""
    classpath = (ROOT / "bench" / "target" / "classpath.txt").read_text().strip()
    out = ROOT / "target" / "bench" / "jmh.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    print("  jmh: hot paths ...", file=sys.stderr, flush=True)
    subprocess.run([java, "-cp", os.pathsep.join([str(ROOT / "bench" / "target" / "classes"), classpath]),
                    "org.openjdk.jmh.Main", "asyncrt.bench.jmh.HotPaths", "-rf", "json", "-rff", str(out)],
                   check=True, capture_output=True, text=True, timeout=1800)
    rows = ["| hot path | ns/op | ± (99.9 %) |", "|---|---|---|"]
    for result in json.loads(out.read_text()):
        name = result["benchmark"].rsplit(".", 1)[1]
        metric = result["primaryMetric"]
        rows.append(f"| {name} | {metric['score']:.1f} | {metric['scoreError']:.1f} |")
    return "\n".join(rows) + "\n"


def load_average():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def host_stalls(java):
    """What bench/src/main/java/asyncrt/bench/HostStalls.java measures: the host holding up a thread of this machine."""
    print("  host stalls ...", file=sys.stderr, flush=True)
    return run(java_command(java, [], "asyncrt.bench.HostStalls"), Shared())


def describe_stalls(before, after):
    """HostStalls' figures before and after the run, side by side."""
    def pair(key):
        return f"{before[key]} | {after[key]}"
    return (f"a running thread stopped for > 1 ms {pair('running_over_1ms')} times (> 4 ms: {pair('running_over_4ms')};"
            f" longest {pair('running_longest_ms')} ms), a 1 ms wait ending > 1 ms late {pair('waiting_over_1ms')} times"
            f" (> 4 ms: {pair('waiting_over_4ms')}; longest {pair('waiting_longest_ms')} ms)")


def stamp(java, cpython, began, load_before, rounds, stalls_before, stalls_after):
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    python_version = subprocess.run([cpython.executable, "--version"], capture_output=True, text=True).stdout.strip()
    uvloop_version = subprocess.run([cpython.executable, "-c", "import uvloop; print(uvloop.__version__)"],
                                    capture_output=True, text=True).stdout.strip() or "absent"
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    how = f"best of {rounds} interleaved rounds per peer" if rounds > 1 else "one round"
    return (f"Run {began:%Y-%m-%d %H:%M}–{datetime.datetime.now():%H:%M} on {platform.node()}: {os.cpu_count()} × {cpu},"
            f" {platform.system()} {platform.release()}; {version}; {python_version}, uvloop {uvloop_version}.\n"
            f"Load average (1/5/15 min) {load_before} at the start, {load_average()} at the end"
            f" (the machine is shared: other work slows every peer); {how}.\n"
            f"Host stalls (the VM's host holding up a thread: a timer due meanwhile is late by as much),"
            f" {stalls_before['seconds_each']} s of each probe, before | after the run:"
            f" {describe_stalls(stalls_before, stalls_after)}.")


def svg(results):
    """A bar chart per metric: each peer's cost relative to asyncrt (plain java)."""
    bars = []
    for workload in WORKLOADS:
        for metric in workload.metrics:
            values = [results.get(workload.name, {}).get(peer, {}).get(metric.key) for peer in PEERS]
            if values[0] and sum(1 for v in values if v) > 1:
                costs = [(values[0] / v if metric.higher_is_better else v / values[0]) if v else None for v in values]
                bars.append((metric.label, costs))
    colors = ["#1f77b4", "#9ecae1", "#6baed6", "#ff7f0e", "#2ca02c", "#d62728"]
    width, row, left = 900, 26 * len(PEERS) + 30, 320
    height = 40 + row * len(bars) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<text x="10" y="20" font-size="14">Each bar: the cost (time, memory, or 1/throughput) relative to asyncrt'
           ' (continuations) = 1; longer is worse</text>']
    y = 40
    for label, costs in bars:
        out.append(f'<text x="10" y="{y + 14}" font-weight="bold">{label}</text>')
        top = max(c for c in costs if c)
        for i, (peer, cost) in enumerate(zip(PEERS, costs)):
            if not cost:
                continue
            length = (width - left - 80) * cost / top
            yy = y + 20 + 26 * i
            out.append(f'<text x="20" y="{yy + 13}">{peer}</text>')
            out.append(f'<rect x="{left}" y="{yy}" width="{length:.1f}" height="18" fill="{colors[i]}"/>')
            out.append(f'<text x="{left + length + 5:.1f}" y="{yy + 13}">{cost:.2f}×</text>')
        y += row
    out.append("</svg>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated workloads: " + ",".join(w.name for w in WORKLOADS))
    parser.add_argument("--jmh", action="store_true", help="also run the JMH hot-path micro-benchmarks")
    parser.add_argument("--docs", action="store_true", help="also write docs/benchmarks.md and docs/benchmarks.svg")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the peers in turn this many times and keep each one's best run (for a busy machine)")
    args = parser.parse_args()
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    names = args.only.split(",") if args.only else [w.name for w in WORKLOADS]
    unknown = set(names) - {w.name for w in WORKLOADS}
    if unknown:
        parser.error("unknown workload(s): " + ", ".join(sorted(unknown)))
    chosen = [w for w in WORKLOADS if w.name in names]
    cpython = choose_peer_cpython()
    began, load_before = datetime.datetime.now(), load_average()
    stalls_before = host_stalls(java)
    failures = []
    results = measure_rounds(chosen, java, cpython, args.rounds, failures)
    stalls_after = host_stalls(java)
    report = (f"# asyncrt benchmarks\n\n{stamp(java, cpython, began, load_before, args.rounds, stalls_before, stalls_after)}\n\n"
              f"{table(results, cpython)}")
    if failures:
        report += "\n**Runs that failed** (their cells are empty or come from the other rounds):\n\n" + "".join(
            f"- {workload}: {peer}: {reason}\n" for workload, peer, reason in failures)
    if args.jmh:
        report += "\n## Hot paths (JMH, one fork, 3 warm-up and 5 measured iterations of 1 s)\n\n" + jmh(java)
    out = ROOT / "target" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(report)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.svg").write_text(svg(results))
    if args.docs:
        write_docs(report, results)
    print(report)


def write_docs(report, results):
    """docs/benchmarks.md (the report, the chart, bench/where-the-time-goes.md under them) and docs/benchmarks.svg."""
    (ROOT / "docs").mkdir(exist_ok=True)
    analysis = (ROOT / "bench" / "where-the-time-goes.md").read_text()
    (ROOT / "docs" / "benchmarks.md").write_text(
        "<!-- Generated by bench/run --docs: do not edit (the analysis comes from bench/where-the-time-goes.md). -->\n"
        + report + "\n![chart: each peer's cost relative to asyncrt](benchmarks.svg)\n\n" + analysis)
    (ROOT / "docs" / "benchmarks.svg").write_text(svg(results))


if __name__ == "__main__":
    main()

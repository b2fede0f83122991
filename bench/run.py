#!/usr/bin/env python3
"""Runs asyncrt's workloads beside the same programs on CPython asyncio and uvloop, in one session,
and prints a table of the figures and the ratios. Writes target/bench/results.md and results.svg.

    bench/run [--only spawn,memory,...] [--jmh] [--docs]

Each workload is a Java main (bench/src/main/java/asyncrt/bench) and a Python script (bench/python)
doing the same work; each prints one JSON line of figures. --jmh adds JMH micro-benchmarks of
the loop's hot paths (bench/src/main/java/asyncrt/bench/jmh). --docs also copies the report to
docs/benchmarks.md.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"
# Young collections copy every live suspended continuation, which is costly; a young generation
# large enough for a workload's garbage keeps them out of the measurement, as a server's heap
# settings would. The same flags serve both backends.
JVM_FLAGS = ["-XX:+UseParallelGC", "-Xms2g", "-Xmn1g"]


@dataclass
class Metric:
    key: str
    label: str
    unit: str
    target: str = ""


@dataclass
class Workload:
    name: str
    java_main: str
    python_script: str
    metrics: list = field(default_factory=list)


WORKLOADS = [
    Workload("spawn", "asyncrt.bench.Spawn", "spawn.py",
             [Metric("ns_per_step", "spawn: 100 000 tasks × 10 sleep(0)", "ns/step", "≤ 250 ns, ≤ 1/6 of asyncio")]),
    # spawn while a Timeline records every step, as the kernel's %%timeline does; asyncrt only (no Python peer).
    Workload("spawn-timeline", "asyncrt.bench.SpawnTimeline", "",
             [Metric("ns_per_step", "spawn with a Timeline attached", "ns/step", "≤ 2 × spawn")]),
    Workload("memory", "asyncrt.bench.Memory", "memory.py",
             [Metric("bytes_per_task", "memory: 100 000 suspended tasks", "B/task", "≤ 600 B, ≤ 1/2 of asyncio")]),
    Workload("timers", "asyncrt.bench.Timers", "timers.py",
             [Metric("total_s", "timers: 100 000 sleeps in [0, 1 s], total", "s", "≤ 1.1 s"),
              Metric("p50_late_ms", "timers: lateness p50", "ms", ""),
              Metric("p99_late_ms", "timers: lateness p99", "ms", "≤ 5 ms")]),
]

PEERS = ["asyncrt (continuations)", "asyncrt (virtual threads)", "CPython asyncio", "uvloop"]


def java_command(java, backend_flags, main):
    classpath = os.pathsep.join(str(ROOT / p) for p in ("bench/target/classes", "asyncrt/target/classes"))
    return [java, *backend_flags, *JVM_FLAGS, "-cp", classpath, main]


def run(command, cwd=None):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{' '.join(command)} printed no figures:\n{done.stdout}\n{done.stderr}")


def have_uvloop():
    return subprocess.run([PYTHON, "-c", "import uvloop"], capture_output=True).returncode == 0


def measure(workload, java, uvloop):
    python_dir = ROOT / "bench" / "python"
    commands = {
        PEERS[0]: java_command(java, [EXPORT], workload.java_main),
        PEERS[1]: java_command(java, ["-Dasyncrt.backend=virtual-thread"], workload.java_main),
        PEERS[2]: [PYTHON, workload.python_script] if workload.python_script else None,
        PEERS[3]: [PYTHON, workload.python_script, "--uvloop"] if uvloop and workload.python_script else None,
    }
    results = {}
    for peer, command in commands.items():
        if command is None:
            continue
        print(f"  {workload.name}: {peer} ...", file=sys.stderr, flush=True)
        results[peer] = run(command, cwd=python_dir if command[0] == PYTHON else None)
    return results


def fmt(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def ratio(peer, ours):
    if peer is None or ours in (None, 0):
        return "—"
    return f"{peer / ours:.1f}×"


def table(results, uvloop):
    header = ["workload", "unit", *PEERS, "asyncio ÷ asyncrt", "uvloop ÷ asyncrt", "target"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for workload in WORKLOADS:
        if workload.name not in results:
            continue
        figures = results[workload.name]
        for metric in workload.metrics:
            values = [figures.get(peer, {}).get(metric.key) for peer in PEERS]
            ours = values[0]
            rows.append("| " + " | ".join([metric.label, metric.unit, *map(fmt, values),
                                           ratio(values[2], ours), ratio(values[3], ours), metric.target]) + " |")
    notes = [
        "Ratios are peer ÷ asyncrt (continuations): above 1× means asyncrt is faster or smaller.",
        f"JVM flags for both asyncrt columns: {' '.join(JVM_FLAGS)}; the continuation column adds {EXPORT}.",
    ]
    if not uvloop:
        notes.append("uvloop was not found for " + PYTHON + " (Debian: apt-get install python3-uvloop): its column is empty.")
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


def stamp(java):
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    python_version = subprocess.run([PYTHON, "--version"], capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    return (f"Run {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.node()}: {os.cpu_count()} × {cpu}, "
            f"{platform.system()} {platform.release()}; {version}; {python_version}.")


def svg(results):
    """A bar chart per metric: each peer's value relative to asyncrt (continuations)."""
    bars = []
    for workload in WORKLOADS:
        for metric in workload.metrics:
            values = [results.get(workload.name, {}).get(peer, {}).get(metric.key) for peer in PEERS]
            if values[0]:
                bars.append((metric.label, values))
    colors = ["#1f77b4", "#6baed6", "#ff7f0e", "#2ca02c"]
    width, row, left = 900, 26 * len(PEERS) + 30, 320
    height = 40 + row * len(bars) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<text x="10" y="20" font-size="14">Each bar: the figure relative to asyncrt (continuations) = 1; longer is slower or bigger</text>']
    y = 40
    for label, values in bars:
        out.append(f'<text x="10" y="{y + 14}" font-weight="bold">{label}</text>')
        top = max(v for v in values if v) / values[0]
        for i, (peer, v) in enumerate(zip(PEERS, values)):
            if not v:
                continue
            length = (width - left - 80) * (v / values[0]) / top
            yy = y + 20 + 26 * i
            out.append(f'<text x="20" y="{yy + 13}">{peer}</text>')
            out.append(f'<rect x="{left}" y="{yy}" width="{length:.1f}" height="18" fill="{colors[i]}"/>')
            out.append(f'<text x="{left + length + 5:.1f}" y="{yy + 13}">{v / values[0]:.2f}×</text>')
        y += row
    out.append("</svg>")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated workloads: " + ",".join(w.name for w in WORKLOADS))
    parser.add_argument("--jmh", action="store_true", help="also run the JMH hot-path micro-benchmarks")
    parser.add_argument("--docs", action="store_true", help="also write docs/benchmarks.md")
    args = parser.parse_args()
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    chosen = [w for w in WORKLOADS if not args.only or w.name in args.only.split(",")]
    uvloop = have_uvloop()
    results = {w.name: measure(w, java, uvloop) for w in chosen}
    report = f"# asyncrt benchmarks\n\n{stamp(java)}\n\n{table(results, uvloop)}"
    if args.jmh:
        report += "\n## Hot paths (JMH, one fork, 3 warm-up and 5 measured iterations of 1 s)\n\n" + jmh(java)
    out = ROOT / "target" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(report)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.svg").write_text(svg(results))
    if args.docs:
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "benchmarks.md").write_text(report + "\n![chart](benchmarks.svg)\n")
        (ROOT / "docs" / "benchmarks.svg").write_text(svg(results))
    print(report)


if __name__ == "__main__":
    main()

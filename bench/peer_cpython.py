"""Which CPython the Python peers run on: the fastest one on this machine.

How CPython was built changes how fast asyncio runs as much as the machine does: on one machine here a
pyenv build (shared libpython, no profile-guided or link-time optimisation) ran asyncio 1.5 times slower than
the distribution's build of the same minor version. A user who cares about speed runs an optimised build, so
the peers (CPython asyncio, uvloop, ipykernel) run on the fastest CPython found here, and the report says
which, with what the others measured. The project's own environment (requirements.txt) stays the harness:
it runs the drivers, wrk's wrapper and the Jupyter client.

The peer interpreter gets a virtualenv of its own under target/bench/cpython, holding the uvloop and
ipykernel versions that requirements.txt pins.
"""
import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
PEER_PACKAGES = ("uvloop", "ipykernel")   # what the peers import; the harness's packages stay in the project's env
OLDEST = (3, 9)

# A small asyncio workload, the spawn workload's shape: tasks that each yield to the loop ten times.
# Best of three, so that a neighbour's burst on the shared machine does not decide the choice.
PROBE = """
import asyncio, sys, time
async def step():
    for _ in range(10):
        await asyncio.sleep(0)
async def spawn():
    await asyncio.gather(*(step() for _ in range(20000)))
def seconds():
    start = time.perf_counter()
    asyncio.run(spawn())
    return time.perf_counter() - start
best = min(seconds() for _ in range(3))
print(f"{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]} {sys.base_prefix} {best / 200000 * 1e9:.0f}")
"""


@dataclass
class Interpreter:
    command: str          # how it was found (a path)
    version: str
    base_prefix: str      # tells apart two names (or a venv) for one installation
    ns_per_step: float    # the probe's figure


@dataclass
class PeerCPython:
    executable: str                       # the python that runs the peers
    chosen: Interpreter
    others: list = field(default_factory=list)
    passed_over: str = ""                 # why faster ones could not be used, if any could not

    @functools.cached_property
    def has_uvloop(self):
        return subprocess.run([self.executable, "-c", "import uvloop"], capture_output=True).returncode == 0

    def describe(self):
        """One sentence for the report's notes."""
        text = (f"The Python peers (CPython asyncio, uvloop, ipykernel) run on CPython {self.chosen.version}"
                f" ({self.chosen.base_prefix}), the fastest CPython here that could get their packages:"
                f" {self.chosen.ns_per_step:.0f} ns per step of a small asyncio spawn (bench/peer_cpython.py)")
        if self.others:
            text += ", against " + ", ".join(
                f"{i.ns_per_step:.0f} for CPython {i.version} ({i.base_prefix})" for i in self.others)
        return text + "." + (f" {self.passed_over}" if self.passed_over else "")


def candidate_commands(harness, directories):
    """Every python3 or python3.N in `directories`, the harness's own first, each file once."""
    names = ["python3"] + [f"python3.{minor}" for minor in range(9, 16)]
    found = {os.path.realpath(harness): harness}
    for directory in directories:
        for name in names:
            path = Path(directory) / name
            if path.is_file() and os.access(path, os.X_OK):
                found.setdefault(os.path.realpath(path), str(path))
    return list(found.values())


def probe(command):
    """The interpreter's version, installation and probe figure, or None if it is not a usable CPython."""
    try:
        done = subprocess.run([command, "-I", "-c", PROBE], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+) (.+) (\d+)", done.stdout.strip())
    if done.returncode != 0 or not match or tuple(map(int, match.group(1, 2))) < OLDEST:
        return None
    return Interpreter(command, ".".join(match.group(1, 2, 3)), match.group(4), float(match.group(5)))


def pinned(package):
    for line in REQUIREMENTS.read_text().splitlines():
        if re.match(rf"{package}\s*==", line):
            return line.split("#")[0].strip()
    raise RuntimeError(f"{package} is not pinned in {REQUIREMENTS}")


def peer_environment(interpreter):
    """A virtualenv of `interpreter` with the peers' pinned packages, made once; returns its python."""
    home = ROOT / "target" / "bench" / "cpython" / re.sub(r"[^\w.]+", "_", interpreter.base_prefix.strip("/"))
    python = home / "bin" / "python"
    requirements = [pinned(p) for p in PEER_PACKAGES]
    stamp = home / "peer-requirements.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(requirements):
        return str(python)
    shutil.rmtree(home, ignore_errors=True)
    for step in ([interpreter.command, "-m", "venv", str(home)],
                 [str(python), "-m", "pip", "install", "--quiet", *requirements]):
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(step)} failed: {(done.stderr or done.stdout).strip()[-400:]}")
    stamp.write_text("\n".join(requirements))
    return str(python)


def choose(harness=sys.executable, directories=None):
    """The fastest CPython here (on the PATH, in /usr/bin or /usr/local/bin, installed by pyenv, or the
    harness's own) that can get the peers' packages (the harness's own has them), with what the others
    measured; why a faster one was passed over is kept for the report."""
    if directories is None:
        pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
        directories = [*os.environ.get("PATH", "").split(os.pathsep), "/usr/bin", "/usr/local/bin",
                       *sorted(str(p / "bin") for p in pyenv.glob("*"))]
    interpreters, seen = [], set()
    for command in candidate_commands(harness, directories):
        print(f"  the peers' CPython: probing {command} ...", file=sys.stderr, flush=True)
        found = probe(command)
        if found and (found.version, found.base_prefix) not in seen:
            seen.add((found.version, found.base_prefix))
            interpreters.append(found)
    interpreters.sort(key=lambda i: i.ns_per_step)
    problems = []
    for interpreter in interpreters:
        others = [i for i in interpreters if i is not interpreter]
        if interpreter.command == harness:
            return PeerCPython(harness, interpreter, others, " ".join(problems))
        try:
            return PeerCPython(peer_environment(interpreter), interpreter, others, " ".join(problems))
        except RuntimeError as error:
            problems.append(f"CPython {interpreter.version} ({interpreter.base_prefix}) measured"
                            f" {interpreter.ns_per_step:.0f} ns but could not get the peers' packages: {error}")
    raise RuntimeError(f"no CPython ≥ {OLDEST[0]}.{OLDEST[1]} could run the probe, not even {harness}")

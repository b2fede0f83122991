"""What the Python peers share: choosing asyncio or uvloop, repeated measurement, the JSON report."""
import json
import sys


def event_loop_policy():
    """Installs uvloop when the command line says --uvloop; returns the peer's name."""
    if "--uvloop" in sys.argv:
        import uvloop
        uvloop.install()
        return "uvloop"
    return "asyncio"


def median(warmups, runs, measure):
    for _ in range(warmups):
        measure()
    values = sorted(measure() for _ in range(runs))
    return values[runs // 2]


def report(workload, **figures):
    print(json.dumps({"workload": workload, **figures}))

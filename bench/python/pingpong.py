"""Two tasks ping-pong N items through two Queue(1)s; prints ns per round trip.

The same program as asyncrt's asyncrt.bench.QueuePingPong. Usage:
    python3 pingpong.py [asyncio|uvloop] [round_trips] [repeats]
"""
import asyncio
import sys
import time


async def ping(there, back, n):
    for i in range(n):
        await there.put(i)
        await back.get()


async def pong(there, back, n):
    for _ in range(n):
        item = await there.get()
        await back.put(item)


async def run(n):
    there, back = asyncio.Queue(1), asyncio.Queue(1)
    start = time.perf_counter_ns()
    a = asyncio.create_task(ping(there, back, n))
    b = asyncio.create_task(pong(there, back, n))
    await a
    await b
    return time.perf_counter_ns() - start


def main():
    flavour = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    loop_factory = None
    if flavour == "uvloop":
        import uvloop
        loop_factory = uvloop.new_event_loop
    best = float("inf")
    for _ in range(repeats):
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            best = min(best, runner.run(run(n)) / n)
    print(f"pingpong loop={flavour} python={sys.version.split()[0]} round_trips={n} best_ns={best:.0f}")


if __name__ == "__main__":
    main()

"""spawn: 100 000 tasks that each await sleep(0) ten times, gathered; nanoseconds per task step."""
import asyncio
import time

from common import event_loop_policy, median, report

TASKS = 100_000
YIELDS = 10


async def worker():
    for _ in range(YIELDS):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(worker() for _ in range(TASKS)))


def once():
    start = time.perf_counter()
    asyncio.run(main())
    return time.perf_counter() - start


if __name__ == "__main__":
    event_loop_policy()
    seconds = median(1, 3, once)
    report("spawn", ns_per_step=round(seconds * 1e9 / (TASKS * (YIELDS + 1))), seconds=seconds)

"""timers: 100 000 tasks sleeping random delays in [0, 1 s]; total time, and how late they woke (p50, p99)."""
import asyncio
import random
import time

from common import event_loop_policy, report

TASKS = 100_000


async def main(lateness):
    loop = asyncio.get_running_loop()

    async def sleeper(n, delay):
        due = loop.time() + delay
        await asyncio.sleep(delay)
        lateness[n] = loop.time() - due

    rng = random.Random(2)
    await asyncio.gather(*(sleeper(n, rng.random()) for n in range(TASKS)))


if __name__ == "__main__":
    event_loop_policy()
    lateness = [0.0] * TASKS
    start = time.perf_counter()
    asyncio.run(main(lateness))
    total = time.perf_counter() - start
    lateness.sort()
    report("timers", total_s=total, p50_late_ms=lateness[TASKS // 2] * 1000, p99_late_ms=lateness[TASKS * 99 // 100] * 1000)

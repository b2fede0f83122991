"""ping-pong: two tasks hand 1 000 000 items back and forth through two Queue(1)s; nanoseconds per round trip."""
import asyncio
import time

from common import event_loop_policy, median, report

ROUND_TRIPS = 1_000_000


async def ping(there, back):
    for i in range(ROUND_TRIPS):
        await there.put(i)
        await back.get()


async def pong(there, back):
    for _ in range(ROUND_TRIPS):
        item = await there.get()
        await back.put(item)


async def main():
    there, back = asyncio.Queue(1), asyncio.Queue(1)
    a = asyncio.create_task(ping(there, back))
    b = asyncio.create_task(pong(there, back))
    await a
    await b


def once():
    start = time.perf_counter()
    asyncio.run(main())
    return time.perf_counter() - start


if __name__ == "__main__":
    event_loop_policy()
    seconds = median(0, 3, once)
    report("pingpong", ns_per_round_trip=round(seconds * 1e9 / ROUND_TRIPS), seconds=seconds)

"""memory: bytes allocated per task suspended on a future, with 100 000 of them (tracemalloc)."""
import asyncio
import gc
import tracemalloc

from common import event_loop_policy, report

TASKS = 100_000


async def main():
    gate = asyncio.get_running_loop().create_future()

    async def waiter():
        await gate

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter()) for _ in range(TASKS)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gate.set_result(None)
    await asyncio.gather(*tasks)
    return (after - before) // TASKS


if __name__ == "__main__":
    event_loop_policy()
    report("memory", bytes_per_task=asyncio.run(main()))

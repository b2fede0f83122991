# Section 6 of the seed document: the flow of control between two tasks.
import asyncio
import time

async def task1():
    print("Task 1: Starting")
    await asyncio.sleep(2)
    print("Task 1: After sleep")
    return "Result 1"

async def task2():
    print("Task 2: Starting")
    await asyncio.sleep(1)
    print("Task 2: After sleep")
    return "Result 2"

async def main():
    start_time = time.time()
    results = await asyncio.gather(task1(), task2())
    end_time = time.time()
    print(f"Results: {results}")
    print(f"Total time: {end_time - start_time:.2f} seconds")

asyncio.run(main())

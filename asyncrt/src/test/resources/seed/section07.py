# Section 7 of the seed document: a task runs in the background while main works.
import asyncio

async def perform_work():
    print("Working...")
    await asyncio.sleep(1)
    print("Work complete")
    return "Work result"

async def main():
    task = asyncio.create_task(perform_work())
    print("Doing something else")
    await asyncio.sleep(0.5)
    print("Still waiting for task to complete")
    result = await task
    print(f"Task returned: {result}")

asyncio.run(main())

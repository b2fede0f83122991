# Section 12 of the seed document: cancellation and timeouts.
import asyncio

async def long_running_task():
    try:
        print("Starting long task")
        while True:
            await asyncio.sleep(0.5)
            print("Still running...")
    except asyncio.CancelledError:
        print("Task was cancelled!")
        raise

async def main():
    task = asyncio.create_task(long_running_task())
    await asyncio.sleep(2)
    print("Cancelling task...")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("Task cancellation confirmed")
    try:
        result = await asyncio.wait_for(long_running_task(), timeout=1.5)
    except asyncio.TimeoutError:
        print("Operation timed out")

asyncio.run(main())

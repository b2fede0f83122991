# Section 11 of the seed document: exceptions through await and through a task.
import asyncio

async def risky_operation():
    await asyncio.sleep(1)
    raise ValueError("Something went wrong")
    return "This will never be reached"

async def handle_errors():
    try:
        result = await risky_operation()
        print(f"Success: {result}")
    except ValueError as e:
        print(f"Caught error: {e}")
    task = asyncio.create_task(risky_operation())
    try:
        result = await task
    except ValueError as e:
        print(f"Caught task error: {e}")

asyncio.run(handle_errors())

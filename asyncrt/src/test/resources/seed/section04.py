# Section 4 of the seed document: asyncio.run drives a coroutine to completion.
import asyncio

async def simple_coroutine():
    print("Start")
    await asyncio.sleep(1)
    print("Middle")
    await asyncio.sleep(1)
    print("End")
    return "Done"

async def main():
    result = await simple_coroutine()
    print(f"Result: {result}")

asyncio.run(main())

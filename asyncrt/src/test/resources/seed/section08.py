# Section 8 of the seed document: creating, running and closing a loop by hand.
import asyncio

async def hello_world():
    await asyncio.sleep(1)
    return "Hello World"

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    result = loop.run_until_complete(hello_world())
    print(result)
finally:
    loop.close()

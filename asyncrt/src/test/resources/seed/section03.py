# Section 3 of the course's seed document: a coroutine function; calling it runs nothing.
import asyncio

async def simple_coroutine():
    print("Start")
    await asyncio.sleep(1)  # Pause here and give control back
    print("Middle")
    await asyncio.sleep(1)  # Pause again
    print("End")
    return "Done"

coro = simple_coroutine()
print(type(coro))  # <class 'coroutine'>
coro.close()

"""Scenarios of asyncio.timeout, TaskGroup, Task.set_result and run_coroutine_threadsafe.

ScopesAgainstCPythonTest runs one scenario (named on the command line) here and its Java
twin, and compares what they print line by line. Only scenarios where CPython 3.11 and 3.12+
behave alike are here; where they differ, the Java tests follow 3.12.
"""
import asyncio
import sys
import threading


class Boom(Exception):
    pass


async def crash_after(delay):
    await asyncio.sleep(delay)
    raise Boom()


async def nested():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.05
    try:
        async with asyncio.timeout_at(deadline) as cm1:
            try:
                async with asyncio.timeout_at(deadline) as cm2:
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("inner: CancelledError")
                raise
    except TimeoutError:
        print("outer: TimeoutError")
    print("expired:", cm1.expired(), cm2.expired())
    print("cancelling:", asyncio.current_task().cancelling())


async def retry():
    attempts = 0
    try:
        async with asyncio.timeout(0.1):
            while True:
                try:
                    attempts += 1
                    await asyncio.sleep(0.03)
                    raise Boom()
                except Exception:
                    pass
    except TimeoutError:
        print("the retry loop was stopped by TimeoutError after", "several" if attempts > 1 else "one", "attempts")


async def inner_catch():
    try:
        async with asyncio.timeout(0.05):
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner caught TimeoutError")
            print("after the inner block")
    except TimeoutError:
        print("outer: TimeoutError")


async def external_cancel():
    async def worker():
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("worker: CancelledError")
                await asyncio.sleep(0.2)
                raise
        print("worker: went on")

    task = asyncio.create_task(worker())
    await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: CancelledError")
    except TimeoutError:
        print("main: TimeoutError")
    print("task cancelled:", task.cancelled())


async def clean_up():
    try:
        async with asyncio.timeout(0.05):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("except CancelledError")
                raise
            finally:
                print("finally")
    except TimeoutError:
        print("TimeoutError")


async def group_body_catches_exception():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash_after(0.05))
            try:
                await asyncio.sleep(10)
            except Exception as e:
                print("swallowed", type(e).__name__)
            print("the body went on")
    except ExceptionGroup as e:
        print(type(e).__name__ + ":", e, [type(x).__name__ for x in e.exceptions])
    print("cancelling:", asyncio.current_task().cancelling())
    await asyncio.sleep(0.01)
    print("slept after the group")


async def group_order():
    async def sibling():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            print("sibling: CancelledError")
            raise

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash_after(0.05))
            tg.create_task(sibling())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body: CancelledError")
                raise
        print("not reached")
    except ExceptionGroup as e:
        print(type(e).__name__ + ":", e, [type(x).__name__ for x in e.exceptions])


async def group_body_raises():
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            tasks.append(tg.create_task(asyncio.sleep(1)))
            await asyncio.sleep(0.01)
            raise Boom()
    except ExceptionGroup as e:
        print(type(e).__name__ + ":", e, [type(x).__name__ for x in e.exceptions])
    print("task cancelled:", tasks[0].cancelled())


async def group_cancelled_from_outside():
    async def runner():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(asyncio.sleep(5))
            await asyncio.sleep(10)

    task = asyncio.create_task(runner())
    await asyncio.sleep(0.05)
    task.cancel("stop")
    try:
        await task
    except asyncio.CancelledError as e:
        print("CancelledError:", e)


async def timeout_around_group():
    try:
        async with asyncio.timeout(0.05):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(asyncio.sleep(5))
                tg.create_task(asyncio.sleep(6))
    except TimeoutError:
        print("TimeoutError")
    print("cancelling:", asyncio.current_task().cancelling())


async def task_set_result():
    task = asyncio.create_task(asyncio.sleep(0))
    for action in (lambda: task.set_result(1), lambda: task.set_exception(Boom())):
        try:
            action()
        except RuntimeError as e:
            print(e)
    await task
    print("done:", task.done())


def threadsafe():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    seen = []

    async def long():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            seen.append("task: CancelledError")
            raise

    async def add(a, b):
        await asyncio.sleep(0.01)
        return a + b

    print("result:", asyncio.run_coroutine_threadsafe(add(1, 2), loop).result(5))
    future = asyncio.run_coroutine_threadsafe(long(), loop)
    asyncio.run_coroutine_threadsafe(asyncio.sleep(0.05), loop).result(5)
    print("cancel:", future.cancel())
    asyncio.run_coroutine_threadsafe(asyncio.sleep(0.05), loop).result(5)
    print(*seen)

    async def cancels_itself():
        asyncio.current_task().cancel()
        await asyncio.sleep(10)

    future = asyncio.run_coroutine_threadsafe(cancels_itself(), loop)
    try:
        future.result(5)
    except BaseException as e:
        print("the future:", "cancelled" if future.cancelled() else type(e).__name__)
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()


if __name__ == "__main__":
    name = sys.argv[1]
    if name == "threadsafe":
        threadsafe()
    else:
        asyncio.run(globals()[name]())

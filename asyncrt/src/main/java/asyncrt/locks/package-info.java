/**
 * Python's {@code asyncio.locks}: {@link asyncrt.locks.Lock}, {@link asyncrt.locks.Event},
 * {@link asyncrt.locks.Condition}, {@link asyncrt.locks.Semaphore},
 * {@link asyncrt.locks.BoundedSemaphore} and {@link asyncrt.locks.Barrier} — for tasks of one
 * event loop, never for threads. Waiters are served in arrival order, and a task cancelled while
 * waiting leaves the primitive as if it had never asked. {@code async with lock:} is
 * {@code try (var held = await(lock.acquire())) { ... }}. Python's {@code wait()},
 * {@code notify()} and {@code notify_all()}, which Java's {@code Object} reserves, are spelt
 * {@code wait_()}, {@code notify_()} and {@code notifyAll_()}.
 */
package asyncrt.locks;

package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;

/**
 * A mutual-exclusion lock for tasks: Python's {@code asyncio.Lock}. Not owned by a task: any
 * task may release it. Waiters get it in the order they asked (FIFO), and a task cancelled while
 * waiting leaves the lock exactly as if it had never asked.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * try (var held = await(lock.acquire())) {   // async with lock:
 *     ...
 * }
 * }</pre>
 *
 * Not thread-safe, like everything on an event loop: use it from the loop's tasks only. It is
 * not a {@code java.util.concurrent.locks.Lock} either: holding this one never blocks a thread.
 */
public final class Lock {
    private final WaitLine waiters = new WaitLine(this);
    private final Acquired held = this::release;
    private boolean locked;

    /** An unlocked lock. */
    public Lock() {}

    /** Whether some task holds the lock. */
    public boolean locked() {
        return locked;
    }

    /**
     * Waits until the lock is free and takes it. The returned {@link Acquired} releases it when
     * closed (use try-with-resources); {@link #release()} does the same.
     */
    public Coroutine<Acquired> acquire() {
        return Coroutine.of(() -> {
            if (!locked && allCancelled()) {  // fair: the free lock is taken at once only if nobody waits
                locked = true;
                return held;
            }
            try {
                waiters.awaitTurn(waiters.join());
            } catch (CancelledError cancelled) {
                // Keep the invariant: if the lock is free and someone waits, the first waiter will run.
                if (!locked) {
                    wakeUpFirst();
                }
                throw cancelled;
            }
            locked = true;
            return held;
        });
    }

    /** Releases the lock and lets the first waiter have it; fails if the lock is not held. */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired: release() must follow a successful acquire()");
        }
        locked = false;
        wakeUpFirst();
    }

    private boolean allCancelled() {
        for (Future<Boolean> waiter : waiters) {
            if (!waiter.cancelled()) {
                return false;
            }
        }
        return true;
    }

    private void wakeUpFirst() {
        Future<Boolean> first = waiters.first();
        if (first != null && !first.done()) {  // done: already told to wake up
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        return "<Lock [" + (locked ? "locked" : "unlocked") + waiters.describe() + "]>";
    }
}

package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;

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
    private final LoopBinding binding = new LoopBinding(this);
    private final Acquired held = this::release;
    private ArrayDeque<Future<Boolean>> waiters;
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
            if (!locked && (waiters == null || waiters.stream().allMatch(Future::cancelled))) {
                locked = true;
                return held;
            }
            if (waiters == null) {
                waiters = new ArrayDeque<>();
            }
            Future<Boolean> fut = binding.loop().createFuture();
            waiters.add(fut);
            try {
                try {
                    Coroutine.await(fut);
                } finally {
                    waiters.remove(fut);
                }
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

    private void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        Future<Boolean> first = waiters.peekFirst();
        if (!first.done()) {  // done: already told to wake up
            first.setResult(true);
        }
    }

    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Lock [" + extra + "]>";
    }
}

package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: Python's {@code asyncio.Condition}. Tasks holding its lock
 * wait in {@link #wait_()} (which releases the lock while waiting and takes it back before
 * returning) until another task holding the lock calls {@link #notify_()} or
 * {@link #notifyAll_()}.
 *
 * <pre>{@code
 * try (var held = await(condition.acquire())) {
 *     await(condition.waitFor(() -> !items.isEmpty()));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@code wait}, {@code notify} and {@code notify_all} are final methods of
 * {@code java.lang.Object} (calling {@code condition.notify()} would be Object's, and would throw
 * {@code IllegalMonitorStateException}), so they are spelt {@code wait_()}, {@code notify_()} and
 * {@code notifyAll_()} here; see {@link Event}.
 */
public final class Condition {
    private final LoopBinding binding = new LoopBinding(this);
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** A condition with a new lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which other conditions or code may share. */
    public Condition(Lock lock) {
        this.lock = lock;
    }

    /** Takes the underlying lock; see {@link Lock#acquire()}. */
    public Coroutine<Acquired> acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock. */
    public void release() {
        lock.release();
    }

    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, waits to be notified, takes the lock back and returns true (Python's
     * {@code wait()}). The lock is held again when this returns or throws — even when the wait is
     * cancelled. It may return without a notification (a "spurious wakeup", allowed by the
     * condition-variable protocol), so check your condition again, or use {@link #waitFor}.
     */
    public Coroutine<Boolean> wait_() {
        return Coroutine.of(() -> {
            if (!locked()) {
                throw new IllegalStateException("cannot wait on un-acquired lock: take it first,"
                        + " try (var held = await(condition.acquire())) { ... }");
            }
            Future<Boolean> fut = binding.loop().createFuture();
            release();
            try {
                try {
                    waiters.add(fut);
                    try {
                        Coroutine.await(fut);
                        return true;
                    } finally {
                        waiters.remove(fut);
                    }
                } finally {
                    reacquireEvenIfCancelled();
                }
            } catch (Throwable t) {
                // We may have been notified before failing: pass the notification on.
                wakeUp(1);
                throw t;
            }
        });
    }

    /** Takes the lock back; a cancellation meanwhile is rethrown once the lock is held. */
    private void reacquireEvenIfCancelled() {
        CancelledError cancelled = null;
        while (true) {
            try {
                Coroutine.await(lock.acquire());
                break;
            } catch (CancelledError e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /** Waits until {@code predicate} is true, checking it first and after every wake-up (Python's {@code wait_for}). */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        return Coroutine.of(() -> {
            while (!predicate.getAsBoolean()) {
                Coroutine.await(wait_());
            }
            return true;
        });
    }

    /** Wakes up one waiting task (Python's {@code notify()}); the lock must be held. */
    public void notify_() {
        notify_(1);
    }

    /** Wakes up at most {@code n} waiting tasks, longest-waiting first; the lock must be held. */
    public void notify_(int n) {
        if (!locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock: notify while holding the condition's lock");
        }
        wakeUp(n);
    }

    /** Wakes up every waiting task (Python's {@code notify_all()}); the lock must be held. */
    public void notifyAll_() {
        notify_(waiters.size());
    }

    private void wakeUp(int n) {
        int woken = 0;
        for (Future<Boolean> fut : waiters) {
            if (woken >= n) {
                break;
            }
            if (!fut.done()) {
                woken++;
                fut.setResult(false);
            }
        }
    }

    @Override
    public String toString() {
        return "<Condition [" + (locked() ? "locked" : "unlocked") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}

package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;

/**
 * A counter of permits for tasks: Python's {@code asyncio.Semaphore}, typically used to limit
 * how many tasks do something at once (say, 10 downloads):
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(10);
 * try (var permit = await(slots.acquire())) {
 *     ...
 * }
 * }</pre>
 *
 * Fair: a task that arrives while others wait queues behind them even if a permit is free, and a
 * task cancelled after being granted a permit hands it back.
 */
public class Semaphore {
    private final WaitLine waiters = new WaitLine(this);
    private final Acquired held = this::release;
    private int value;

    /** A semaphore with one permit (a lock that anyone may release). */
    public Semaphore() {
        this(1);
    }

    /** A semaphore with {@code value} permits. */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /** Whether {@link #acquire()} would have to wait: no permit left, or others waiting first. */
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        for (Future<Boolean> waiter : waiters) {
            if (!waiter.cancelled()) {
                return true;  // FIFO: they go first
            }
        }
        return false;
    }

    /** The permits available now. */
    public int value() {
        return value;
    }

    /** Waits for a permit and takes it; the returned {@link Acquired} gives it back when closed. */
    public Coroutine<Acquired> acquire() {
        return Coroutine.of(() -> {
            if (!locked()) {
                value--;
                return held;
            }
            Future<Boolean> fut = waiters.join();
            try {
                waiters.awaitTurn(fut);
            } catch (CancelledError cancelled) {
                if (fut.done() && !fut.cancelled()) {
                    value++;  // we were granted a permit we will not use: give it back
                }
                throw cancelled;
            } finally {
                // Tasks that arrived meanwhile had to queue (FIFO): wake as many as there are permits.
                while (value > 0 && wakeUpNext()) {
                    // keep waking
                }
            }
            return held;
        });
    }

    /** Gives a permit back, waking the first waiting task. */
    public void release() {
        value++;
        wakeUpNext();
    }

    /** Grants a permit to the first waiter not already woken; false when there is none. */
    private boolean wakeUpNext() {
        for (Future<Boolean> fut : waiters) {
            if (!fut.done()) {
                value--;
                fut.setResult(true);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " [" + (locked() ? "locked" : "unlocked, value:" + value) + waiters.describe() + "]>";
    }
}

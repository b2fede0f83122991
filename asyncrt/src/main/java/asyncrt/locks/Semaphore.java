package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;

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
    private final LoopBinding binding = new LoopBinding(this);
    private final Acquired held = this::release;
    private ArrayDeque<Future<Boolean>> waiters;
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
        return value == 0 || (waiters != null && waiters.stream().anyMatch(w -> !w.cancelled()));
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
        if (waiters == null) {
            return false;
        }
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
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + getClass().getSimpleName() + " [" + extra + "]>";
    }
}

package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;

/**
 * A flag tasks can wait for: Python's {@code asyncio.Event}. {@link #set()} wakes every task
 * waiting in {@link #wait_()}; once set, waiting returns at once until {@link #clear()}.
 *
 * <p>Python's {@code event.wait()} is {@code event.wait_()} here: Java reserves {@code wait()}
 * for {@code Object.wait}, so asyncrt spells the Python names that clash with {@code Object}'s
 * final methods ({@code wait}, {@code notify}, {@code notify_all}) with a trailing underscore,
 * the way Python itself writes {@code class_} for a name its syntax reserves.
 */
public final class Event {
    private final LoopBinding binding = new LoopBinding(this);
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** An event that is not set. */
    public Event() {}

    /** Whether the flag is set (Python's {@code is_set()}). */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiting task. */
    public void set() {
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.done()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /** Clears the flag: waiting blocks again until the next {@link #set()}. */
    public void clear() {
        value = false;
    }

    /** Waits until the flag is set, then returns true (Python's {@code wait()}; see the class comment for the name). */
    public Coroutine<Boolean> wait_() {
        return Coroutine.of(() -> {
            if (value) {
                return true;
            }
            Future<Boolean> fut = binding.loop().createFuture();
            waiters.add(fut);
            try {
                Coroutine.await(fut);
                return true;
            } finally {
                waiters.remove(fut);
            }
        });
    }

    @Override
    public String toString() {
        return "<Event [" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]>";
    }
}

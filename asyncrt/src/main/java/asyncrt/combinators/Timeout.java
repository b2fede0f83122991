package asyncrt.combinators;

import asyncrt.coroutines.AsyncBody;
import asyncrt.coroutines.AsyncRunnable;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.Handle;
import asyncrt.internal.Throwables;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;

/**
 * A deadline for a block of code: Python's {@code asyncio.Timeout}, the object that
 * {@code asyncio.timeout(delay)} and {@code asyncio.timeout_at(when)} return. Where Python writes
 * {@code async with asyncio.timeout(1.5):} around a block, Java hands the block to the timeout and
 * awaits the result:
 *
 * <pre>{@code
 * try {
 *     await(timeout(1.5, () -> {            // async with asyncio.timeout(1.5):
 *         await(longRunningTask());
 *     }));
 * } catch (TimeoutError e) {
 *     System.out.println("Operation timed out");
 * }
 * }</pre>
 *
 * To keep the timeout at hand (Python's {@code async with asyncio.timeout(1.5) as cm:}), make it
 * first and {@link #run} the block in it: {@code Timeout cm = timeout(1.5); await(cm.run(() -> ...));}
 * then {@code cm.expired()}, or {@code cm.reschedule(...)} inside the block.
 *
 * <p>The semantics are CPython 3.12's. When the deadline passes, the task running the block is
 * cancelled: the block sees a {@link CancelledError} at the {@code await} where it is suspended,
 * so its {@code catch (CancelledError e)} and {@code finally} clean-up run, and a
 * {@code catch (Exception e)} does not swallow it (CancelledError is an {@code Error} in Java, as it is a
 * BaseException in Python). When the block ends, the timeout withdraws the cancellation it caused
 * ({@link Task#uncancel()}); only if no other cancellation arrived since the block began (an outer
 * timeout's, a {@code task.cancel()}) does the CancelledError become a {@link TimeoutError}, with the
 * CancelledError as its cause. Otherwise the CancelledError goes on, so nested timeouts each report
 * their own deadline only, and an external cancellation is never lost.
 *
 * <p>One difference forced by Java: when the block ends with another exception while its deadline is
 * expiring, CPython records a TimeoutError in that exception's {@code __context__} chain; Java
 * exceptions have no such chain, and the exception passes unchanged.
 */
public final class Timeout {
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private State state = State.CREATED;
    private Double when;
    private Task<?> task;
    private int cancellingAtEntry;
    private Handle handler;

    private Timeout(Double when) {
        this.when = when;
    }

    /** A timeout that expires {@code delay} seconds from now on the running loop's clock ({@code asyncio.timeout(delay)}). */
    public static Timeout after(double delay) {
        return new Timeout(Events.getRunningLoop().time() + delay);
    }

    /** A timeout that expires when the loop's clock reads {@code when}; null for none ({@code asyncio.timeout_at(when)}). */
    public static Timeout at(Double when) {
        return new Timeout(when);
    }

    /**
     * A coroutine that runs {@code body} inside this timeout, in the task that awaits it (Python's
     * {@code async with cm:} around the body), and returns what the body returns. A timeout is entered
     * once: running a second body in it fails.
     */
    public <T> Coroutine<T> run(AsyncBody<T> body) {
        return timeout(body);
    }

    /** {@link #run}; its coroutine is written here so that call stacks and wait labels name it after the call, timeout. */
    private <T> Coroutine<T> timeout(AsyncBody<T> body) {
        return Coroutine.of(() -> {
            enter();
            T result;
            try {
                result = body.call();
            } catch (Throwable raised) {
                throw Throwables.rethrow(exit(raised));
            }
            exit(null);
            return result;
        });
    }

    /** {@link #run(AsyncBody)} for a body that returns nothing. */
    public Coroutine<Void> run(AsyncRunnable body) {
        return run(() -> {
            body.run();
            return null;
        });
    }

    /** The deadline on the loop's clock, or null for none. */
    public Double when() {
        return when;
    }

    /** Moves the deadline (null: none); only while the body runs. A deadline already past expires on the next turn. */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.label + " Timeout");
        }
        when = newWhen;
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (newWhen != null) {
            EventLoop loop = Events.getRunningLoop();
            handler = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** Whether the deadline passed while the body ran. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> current = Events.getRunningLoop().tasks().current();
        if (current == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = current;
        cancellingAtEntry = current.cancelling();
        reschedule(when);
    }

    /** Leaves the body, which ended with {@code raised} (null: normally); returns what to throw, or null. */
    private Throwable exit(Throwable raised) {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            // Our cancellation is withdrawn whatever happens; the CancelledError is ours to convert only when no other is pending.
            if (task.uncancel() <= cancellingAtEntry && raised instanceof CancelledError cancelled) {
                return new TimeoutError(cancelled);
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return raised;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handler = null;
    }

    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) {
            info = " when=" + (when == null ? "None" : Double.toString(Math.round(when * 1000) / 1000.0));
        }
        return "<Timeout [" + state.label + "]" + info + ">";
    }
}

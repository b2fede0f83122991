package asyncrt.combinators;

import asyncrt.events.EventLoop;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Task;

/**
 * A deadline for a block of code in a task: Python 3.11's {@code asyncio.timeout}, used with
 * try-with-resources where Python uses {@code async with}:
 *
 * <pre>{@code
 * try (Timeout t = timeout(1.5)) {
 *     await(longRunningTask());
 * } catch (TimeoutError e) {
 *     System.out.println("Operation timed out");
 * }
 * }</pre>
 *
 * When the deadline passes, the task is cancelled; the {@code await} where it is suspended then
 * throws — a {@link TimeoutError}. One difference from Python: there the block sees a
 * CancelledError that {@code __aexit__} turns into TimeoutError on the way out, but Java's
 * try-with-resources cannot replace an exception in flight, so the block sees the TimeoutError
 * directly. {@code waitFor} has Python's exact behaviour: the awaited code sees a CancelledError.
 */
public final class Timeout implements AutoCloseable {
    private enum State { ENTERED, EXPIRING, EXPIRED, EXITED }

    private final EventLoop loop;
    private final Task<?> task;
    private final int cancellingAtEntry;
    private final boolean deliversTimeoutError;
    private State state = State.ENTERED;
    private Double when;
    private TimerHandle handler;

    /** Enters a timeout in the current task; {@code when} on the loop's clock, null for none. */
    Timeout(Double when, boolean deliversTimeoutError) {
        this.loop = EventLoop.getRunningLoop();
        this.task = loop.tasks().current();
        if (task == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        this.cancellingAtEntry = task.cancelling();
        this.deliversTimeoutError = deliversTimeoutError;
        reschedule(when);
    }

    /** A timeout that expires {@code delay} seconds from now (Python's {@code asyncio.timeout(delay)}). */
    public static Timeout after(double delay) {
        return new Timeout(EventLoop.getRunningLoop().time() + delay, true);
    }

    /** A timeout that expires when the loop's clock reads {@code when}; null for none (Python's {@code asyncio.timeout_at}). */
    public static Timeout at(Double when) {
        return new Timeout(when, true);
    }

    /** The deadline on the loop's clock, or null. */
    public Double when() {
        return when;
    }

    /** Moves the deadline ({@code null}: no deadline). */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
        }
        when = newWhen;
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (newWhen != null) {
            handler = newWhen <= loop.time() ? null : loop.callAt(newWhen, this::onTimeout);
            if (handler == null) {
                loop.callSoon(this::onTimeout);
            }
        }
    }

    /** Whether the deadline passed while the block ran. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        if (deliversTimeoutError) {
            task.replaceNextCancellation(new TimeoutError());
        }
        task.cancel();
        state = State.EXPIRING;
        handler = null;
    }

    /** Leaves the block: cancels the deadline, and takes back the cancellation if it expired. */
    @Override
    public void close() {
        exit();
    }

    /** Leaves the block; true when it expired and the cancellation it caused is the only one (so TimeoutError is due). */
    boolean exit() {
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Timeout was already exited");
        }
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            task.replaceNextCancellation(null);
            return task.uncancel() <= cancellingAtEntry;
        }
        state = State.EXITED;
        return false;
    }

    @Override
    public String toString() {
        return "<Timeout [" + state.name().toLowerCase() + "]" + (when != null ? String.format(" when=%.3f", when) : "") + ">";
    }
}

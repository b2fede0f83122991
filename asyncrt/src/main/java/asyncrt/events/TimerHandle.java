package asyncrt.events;

import asyncrt.contextvars.Context;

/**
 * A callback due at a time of the loop's clock: Python's {@code asyncio.TimerHandle}, made by
 * {@code callLater} and {@code callAt}. Cancelling one leaves it in the loop's heap until the
 * loop purges it; see {@link EventLoop}.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    private final double when;
    private final long sequence;
    private final EventLoop loop;
    boolean scheduled;

    TimerHandle(double when, long sequence, Runnable callback, Context context, EventLoop loop) {
        super(callback, context, loop);
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
    }

    /** When it is due, on the loop's {@link EventLoop#time()} clock. */
    public double when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!cancelled()) {
            if (scheduled) {
                loop.timerHandleCancelled();
            }
            super.cancel();
        }
    }

    @Override
    public int compareTo(TimerHandle other) {
        int byTime = Double.compare(when, other.when);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle " + (cancelled() ? "cancelled " : "") + String.format("when=%.3f ", when) + describeCallback() + ">";
    }
}

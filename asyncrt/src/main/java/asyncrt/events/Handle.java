package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.internal.Repr;

/**
 * A callback scheduled on an event loop, and the means to cancel it: Python's
 * {@code asyncio.Handle}. The loop runs it in the context it was scheduled with; if it throws,
 * the loop's exception handler hears of it and the loop carries on.
 */
public class Handle implements Ready {
    final Runnable callback;
    final Context context;
    private boolean cancelled;
    /** Where it was scheduled from, in debug mode. */
    final StackTraceElement[] sourceTraceback;

    Handle(Runnable callback, Context context, EventLoop loop) {
        this.callback = callback;
        this.context = context;
        this.sourceTraceback = loop.getDebug() ? new Throwable().getStackTrace() : null;
    }

    /** Stops the callback from running, if it has not run yet. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** The context the callback runs in (Python's {@code Handle.get_context()}). */
    @Override
    public Context getContext() {
        return context;
    }

    /** The callback, for introspection. */
    public Runnable callback() {
        return callback;
    }

    /** Runs the callback in its context, for {@code loop}, whose exception handler hears of a failure. */
    @Override
    public void run(EventLoop loop) {
        try {
            context.run(callback);
        } catch (Throwable t) {
            loop.reportCallbackFailure(this, t, sourceTraceback);
        }
    }

    /** The callback as asyncio's reprs show it. */
    @Override
    public String describeCallback() {
        return Repr.callback(callback);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + describeCallback() + ">";
    }
}

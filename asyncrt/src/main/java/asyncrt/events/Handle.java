package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.internal.Repr;
import asyncrt.internal.Throwables;
import java.util.Map;

/**
 * A callback scheduled on an event loop, and the means to cancel it: Python's
 * {@code asyncio.Handle}. The loop runs it in the context it was scheduled with; if it throws,
 * the loop's exception handler hears of it and the loop carries on.
 */
public class Handle {
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

    /**
     * A handle that is its own callback, for a subclass that implements {@link Runnable}: one object where a
     * handle and its callback would be two.
     *
     * @implNote A task's step is such a handle, kept for as long as the task lives.
     * @throws ClassCastException when the subclass is not a {@code Runnable}
     */
    protected Handle(Context context, EventLoop loop) {
        this.callback = (Runnable) this;
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
    public Context getContext() {
        return context;
    }

    /** The callback, for introspection. */
    public Runnable callback() {
        return callback;
    }

    /** Runs the callback in its context, for {@code loop}, whose exception handler hears of a failure. */
    void run(EventLoop loop) {
        try {
            context.run(callback);
        } catch (Throwable t) {
            if (Throwables.escapesLoop(t)) {
                throw t;
            }
            Map<String, Object> report = new java.util.LinkedHashMap<>();
            report.put("message", "Exception in callback " + describeCallback());
            report.put("exception", t);
            report.put("handle", this);
            if (sourceTraceback != null) {
                report.put("source_traceback", sourceTraceback);
            }
            loop.callExceptionHandler(report);
        }
    }

    /** The callback as asyncio's reprs show it. */
    public String describeCallback() {
        return Repr.callback(callback);
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + describeCallback() + ">";
    }
}

package asyncrt.events;

import asyncrt.contextvars.Context;

/**
 * What the loop's ready queue holds: a {@link Handle}, or a task whose step is due. CPython's ready queue
 * holds only handles, a new one for each step of a task; here a task is queued itself, so that a task
 * needs no handle object of its own, neither while it runs nor while it waits.
 *
 * <p>Only the loop calls {@link #run}.
 */
public interface Ready {
    /** Runs it now, in its context, for {@code loop}, whose exception handler hears of a failure (Python's {@code Handle._run}). */
    void run(EventLoop loop);

    /** The context it runs in. */
    Context getContext();

    /** What it will call, as asyncio's reprs show it: {@code Task.__step()} for a task. */
    String describeCallback();
}

package asyncrt.events;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.ThreadState;
import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * Which event loop: the one running on this thread, the one set for it, a new one. CPython keeps these
 * functions in {@code asyncio/events.py}, apart from the loop's implementation in {@code base_events.py};
 * here they are apart from {@link EventLoop} the same way. A thread's loops are kept in its
 * {@link ThreadState}, as CPython keeps the running loop in its thread state.
 */
public final class Events {
    private Events() {}

    /** A new event loop (Python's {@code asyncio.new_event_loop()}). */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /** The loop running on this thread; fails with "no running event loop" outside one (Python's {@code get_running_loop()}). */
    public static EventLoop getRunningLoop() {
        EventLoop loop = ThreadState.current().runningLoop;
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call this from a coroutine or callback that an event loop"
                    + " is running (start one with Asyncio.run(main()))");
        }
        return loop;
    }

    /** The running loop, or null when none runs on this thread (Python's {@code _get_running_loop()}). */
    public static EventLoop runningLoopOrNull() {
        return ThreadState.current().runningLoop;
    }

    /**
     * The running loop, else the loop set for this thread with {@link #setEventLoop}; fails when neither exists
     * (Python 3.14's {@code get_event_loop()}).
     */
    public static EventLoop getEventLoop() {
        ThreadState state = ThreadState.current();
        if (state.runningLoop != null) {
            return state.runningLoop;
        }
        if (state.eventLoop == null) {
            throw new IllegalStateException("There is no current event loop in thread '" + Thread.currentThread().getName()
                    + "': create one with EventLoop.newEventLoop() and setEventLoop(loop), or use Asyncio.run(...)");
        }
        return state.eventLoop;
    }

    /** Makes {@code loop} this thread's current loop (null to clear it); Python's {@code set_event_loop()}. */
    public static void setEventLoop(EventLoop loop) {
        ThreadState.current().eventLoop = loop;
    }

    /**
     * Whether a loop may be run on this thread now: none is running, or one that allows a nested run here
     * ({@link EventLoop#setNestedRunAllowed}) and the caller is not a coroutine awaited by another.
     */
    public static boolean canRunLoopHere() {
        ThreadState state = ThreadState.current();
        EventLoop host = state.runningLoop;
        return host == null || host.isNestedRunAllowed() && (state.coroutine == null || state.coroutine.awaiting() == null);
    }

    /**
     * Runs {@code run} on this thread as if no loop were running here, then puts this thread's loop state back:
     * how {@code Asyncio.run} runs nested inside a loop that allows it ({@link EventLoop#setNestedRunAllowed}).
     * Fails with asyncio's message when a loop runs here that does not allow it.
     *
     * @param caller what is being called, for the error message ({@code asyncio.run()})
     */
    public static <T> T runNested(String caller, Supplier<T> run) {
        ThreadState state = ThreadState.current();
        EventLoop host = state.runningLoop;
        if (host == null) {
            return run.get();
        }
        if (!canRunLoopHere()) {
            throw new IllegalStateException(caller + " cannot be called from a running event loop:"
                    + " inside a coroutine, await(...) the coroutine instead");
        }
        Coroutine<?> coroutine = state.coroutine;
        EventLoop eventLoop = state.eventLoop;
        boolean debug = state.debug;
        ArrayList<Coroutine<?>> created = state.createdCoroutines;
        state.runningLoop = null;
        state.coroutine = null;
        state.createdCoroutines = null;
        try {
            return run.get();
        } finally {
            state.runningLoop = host;
            state.coroutine = coroutine;
            state.eventLoop = eventLoop;
            state.debug = debug;
            state.createdCoroutines = created;
        }
    }
}

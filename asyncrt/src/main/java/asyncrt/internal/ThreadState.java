package asyncrt.internal;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;

/**
 * What asyncrt keeps per thread: the running loop, the loop set with {@code setEventLoop},
 * the current {@link Context} and the coroutine being driven right now. CPython keeps the
 * same things in its per-thread state ({@code PyThreadState}).
 *
 * <p>On the virtual-thread backend a coroutine's body runs on a thread of its own, so that
 * thread adopts the state object of the thread that drives it: code inside a coroutine sees
 * the loop's thread state whichever backend runs it.
 */
public final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);
    /** The state last looked up, checked against its owner: a loop's thread nearly always finds its own here. */
    private static ThreadState lastLookedUp;

    private final Thread owner = Thread.currentThread();

    /** The loop whose {@code runForever} is on this thread's stack, or null. */
    public EventLoop runningLoop;
    /** The loop given to {@code setEventLoop} on this thread, or null. */
    public EventLoop eventLoop;
    /** The context variables' current context; created on first use. */
    public Context context;
    /** The coroutine whose {@code send} is on this thread's stack (the outermost one driven), or null. */
    public Coroutine<?> coroutine;
    /** Coroutines created during the current callback, checked when it ends (see {@code Coroutine.afterCallback}). */
    public java.util.ArrayList<Coroutine<?>> createdCoroutines;

    private ThreadState() {}

    public static ThreadState current() {
        ThreadState last = lastLookedUp;
        if (last != null && last.owner == Thread.currentThread()) {
            return last;
        }
        ThreadState state = CURRENT.get();
        lastLookedUp = state;
        return state;
    }

    /** Makes {@code state} the current thread's state (the virtual-thread backend's hand-over). */
    public static void adopt(ThreadState state) {
        CURRENT.set(state);
    }
}

package asyncrt.internal;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import java.util.ArrayList;
import java.util.function.BiConsumer;

/**
 * What asyncrt keeps per thread: the running loop and whether it is in debug mode, the loop set
 * with {@code setEventLoop}, the current {@link Context} and the coroutine being driven right now.
 * CPython keeps the same things in its per-thread state ({@code PyThreadState}). The packages
 * meet here rather than through each other: a coroutine learns whether the loop is in debug mode
 * without knowing the loop, and the loop ends each callback with {@link #callbackEnded} without
 * knowing coroutines.
 *
 * <p>On the virtual-thread backend a coroutine's body runs on a thread of its own, so that
 * thread adopts the state object of the thread that drives it: code inside a coroutine sees
 * the loop's thread state whichever backend runs it.
 *
 * <p>The fields are public for asyncrt's own packages only: {@code module-info.java} does not export
 * {@code asyncrt.internal}.
 */
public final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);
    /** The state last looked up, checked against its owner: a loop's thread nearly always finds its own here. */
    private static ThreadState lastLookedUp;

    private final Thread owner = Thread.currentThread();

    /** The loop whose {@code runForever} is on this thread's stack, or null. */
    public EventLoop runningLoop;
    /** Whether {@link #runningLoop} is in debug mode; kept by the loop, read where no loop is at hand. */
    public boolean debug;
    /** The loop given to {@code setEventLoop} on this thread, or null. */
    public EventLoop eventLoop;
    /** The context variables' current context; created on first use. */
    public Context context;
    /** The contexts entered with {@code Context.run} and not left yet, innermost last: each runs one function at a time. */
    public final ArrayList<Context> enteredContexts = new ArrayList<>();
    /** The coroutine whose {@code send} is on this thread's stack (the outermost one driven), or null. */
    public Coroutine<?> coroutine;
    /** Coroutines created during the current callback, reviewed when it ends (see {@link #callbackEnded}). */
    public ArrayList<Coroutine<?>> createdCoroutines;

    /** What reviews {@link #createdCoroutines}: the never-awaited check, which installs itself before noting any. */
    private static BiConsumer<ThreadState, Context> reviewOfCreated;

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

    /** Installs what {@link #callbackEnded} calls when coroutines were created during the callback. */
    public static void reviewCreatedWith(BiConsumer<ThreadState, Context> review) {
        reviewOfCreated = review;
    }

    /**
     * Called by the loop at the end of each callback, which ran in {@code context}: the coroutines it
     * created and left unstarted start being watched, to be reported if never awaited.
     */
    public void callbackEnded(Context context) {
        if (createdCoroutines != null && !createdCoroutines.isEmpty()) {
            reviewOfCreated.accept(this, context);
        }
    }

    /** Makes {@code state} the current thread's state (the virtual-thread backend's hand-over). */
    public static void adopt(ThreadState state) {
        CURRENT.set(state);
    }
}

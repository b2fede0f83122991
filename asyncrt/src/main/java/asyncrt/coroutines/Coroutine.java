package asyncrt.coroutines;

import asyncrt.internal.AwaitTraces;
import asyncrt.internal.CodeNames;
import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;

/**
 * A coroutine: a body of ordinary Java code that can stop at an {@code await} and be continued
 * later — Python's coroutine object, what calling an {@code async def} function returns.
 *
 * <p>Creating one runs nothing. It runs when something drives it: a Task (which is what
 * {@code Asyncio.run}, {@code createTask} and {@code gather} make), another coroutine that
 * {@code await}s it (the body then runs inline, as Python's {@code await coro} does), or you,
 * by hand, with Python's protocol: {@link #send}, {@link #throwIn} and {@link #close}. A
 * coroutine suspends by yielding a value to its driver ({@link #suspend}); a future it awaits
 * yields itself, and the task driving it resumes it when that future is done.
 *
 * @param <T> the type of the value the body returns
 */
public final class Coroutine<T> implements Awaitable<T> {

    /** Python's {@code inspect.getcoroutinestate} values. */
    public enum State {
        /** Created, not started. */
        CREATED,
        /** Running right now. */
        RUNNING,
        /** Stopped at an await, waiting to be resumed. */
        SUSPENDED,
        /** Finished: returned, raised, or closed. */
        CLOSED
    }

    /** The lambda the programmer wrote: an {@link AsyncBody} or an {@link AsyncRunnable}. */
    private static final State[] STATES = State.values();

    private final Object body;
    /** The {@link State}, by its ordinal: a byte rather than a reference, so that a coroutine fits in 40 bytes. */
    private byte state = (byte) State.CREATED.ordinal();
    private boolean claimed;
    /**
     * What this coroutine waits on now: the coroutine it awaits inline, or a yielded future (Python's {@code cr_await}).
     * While a body runs, the chain of inline awaits from the driven coroutine ends at the one running, whose
     * {@code awaiting} is null: see {@link #innermost()}.
     */
    private Object awaiting;
    /** What its current await is for (a timer, a socket, a queue), when the code awaiting said so; for introspection. */
    private Object waitSubject;
    /** A name given, a never-awaited watch: what few coroutines have, or null. */
    private Uncommon uncommon;

    // What only a driven coroutine uses (one run by send() or by a task, not awaited inline). These live
    // here rather than in an object of their own because a suspended task keeps them for as long as it waits.

    /** The machinery that suspends and resumes the body, made by the active backend; null until driven. */
    private Engine engine;
    /**
     * The value crossing a suspension: sent in (an exception thrown in, when {@link #throwing}), or
     * yielded out. Once the body has ended, its outcome: the value it returned, or the exception it
     * threw when {@link #failed}.
     */
    private Object transfer;
    /** Whether {@link #transfer} holds an exception thrown in, to be rethrown at the suspension point. */
    private boolean throwing;
    /** Whether the body ended with an exception (held in {@link #transfer}). */
    private boolean failed;

    private Coroutine(Object body) {
        this.body = body;
        NeverAwaited.created(this);
    }

    /** A coroutine that will run {@code body} and return its result; runs nothing yet. */
    public static <T> Coroutine<T> of(AsyncBody<T> body) {
        return new Coroutine<>(body);
    }

    /** A coroutine that will run {@code body} and return null; runs nothing yet. */
    public static Coroutine<Void> of(AsyncRunnable body) {
        return new Coroutine<>(body);
    }

    // ---- Python's generator protocol -------------------------------------------------------

    /**
     * Starts or resumes the body, handing it {@code value} as the result of the suspension it
     * stopped at, and returns the next value it yields. When the body returns instead, throws
     * {@link StopIteration} carrying the return value; when it throws, rethrows that exception.
     * The first send must be {@code send(null)}.
     */
    public Object send(Object value) {
        return resume(value, null) ? takeYielded() : finish();
    }

    /**
     * Throws {@code exception} into the body at the point where it is suspended (Python's
     * {@code coro.throw(exc)}) and returns the next value it yields; like {@link #send} when it
     * ends instead.
     */
    public Object throwIn(Throwable exception) {
        return resume(null, exception) ? takeYielded() : finish();
    }

    /**
     * Closes the coroutine: a suspended body gets a {@link GeneratorExit} at its suspension point
     * so that its {@code finally} blocks run. Fails if the body yields again instead of ending.
     */
    public void close() {
        switch (state()) {
            case CLOSED -> { }
            case CREATED -> {
                markStarted();
                setState(State.CLOSED);
            }
            case RUNNING -> throw new IllegalStateException("coroutine already executing: " + this + " cannot close itself");
            case SUSPENDED -> {
                if (resume(null, new GeneratorExit())) {
                    throw new IllegalStateException("coroutine ignored GeneratorExit: " + this
                            + " awaited again while being closed; let the GeneratorExit propagate");
                }
                Throwable failure = failure();
                if (failure != null && !(failure instanceof GeneratorExit)) {
                    throw Throwables.rethrow(failure);
                }
            }
        }
    }

    /**
     * Suspends the coroutine that is running now, yielding {@code value} to whoever drives it,
     * and returns what it is resumed with (or throws what is thrown in): Python's bare
     * {@code yield} inside an {@code __await__}. Futures use it to wait; a hand-written event
     * loop uses it to receive requests such as "sleep 1 s" from its coroutines.
     */
    public static Object suspend(Object value) {
        Coroutine<?> running = ThreadState.current().coroutine;
        if (running == null) {
            throw new IllegalStateException("Coroutine.suspend() called outside a coroutine: only a coroutine's body,"
                    + " while it is driven by send() or by a task, can suspend");
        }
        return running.suspendYielding(value);
    }

    /**
     * Python's {@code await}: waits for {@code awaitable} in the coroutine running on this thread
     * and returns its result, or rethrows its exception (the same object). {@code Asyncio.await}
     * is this; only valid inside a coroutine's body.
     */
    public static <R> R await(Awaitable<R> awaitable) {
        Coroutine<?> driven = ThreadState.current().coroutine;
        if (driven == null) {
            throw new IllegalStateException("await(" + awaitable + ") outside a coroutine: call await only inside"
                    + " async(() -> ...) bodies, and start the outermost coroutine with Asyncio.run(...)");
        }
        return awaitable.awaitFrom(driven);
    }

    /**
     * {@link #await(Awaitable)}, noting what the wait is for: the timer of a sleep, the socket a
     * read waits on, the queue a get waits on. Library code that waits on a future of its own says
     * so this way, and a loop snapshot ({@code asyncrt.introspect.Introspect}) can then tell what a
     * task is waiting for, not only that it waits on some future.
     */
    public static <R> R await(Awaitable<R> awaitable, Object subject) {
        Coroutine<?> driven = ThreadState.current().coroutine;
        if (driven == null || driven.engine == null) {
            return await(awaitable);
        }
        Coroutine<?> waiting = driven.innermost();
        Object outer = waiting.waitSubject;
        waiting.waitSubject = subject;
        try {
            return awaitable.awaitFrom(driven);
        } finally {
            waiting.waitSubject = outer;
        }
    }

    // ---- used by Task and by await ---------------------------------------------------------

    /**
     * The driver's side of {@link #send} and {@link #throwIn} without exceptions for ordinary
     * outcomes: runs the body until it suspends (returns true; {@link #takeYielded()} tells what
     * it yielded) or ends (returns false; {@link #result()} or {@link #failure()} tells how).
     */
    public boolean resume(Object value, Throwable exception) {
        switch (state()) {
            case RUNNING -> throw new IllegalStateException("coroutine already executing: " + this);
            case CLOSED -> throw new IllegalStateException("cannot reuse already awaited coroutine " + this
                    + ": a coroutine runs once; call the coroutine function again for a new one");
            case CREATED -> {
                markStarted();
                if (exception != null) {
                    transfer = exception;
                    failed = true;
                    setState(State.CLOSED);
                    return false;
                }
                if (value != null) {
                    throw new IllegalArgumentException("can't send non-None value to a just-started coroutine: send(null) first");
                }
                engine = Backend.active().newEngine();
            }
            case SUSPENDED -> { }
        }
        transfer = exception != null ? exception : value;
        throwing = exception != null;
        ThreadState thread = ThreadState.current();
        Coroutine<?> outer = thread.coroutine;
        thread.coroutine = this;
        setState(State.RUNNING);
        try {
            engine.resume();
        } finally {
            thread.coroutine = outer;
        }
        if (engine.isDone()) {
            setState(State.CLOSED);
            return false;
        }
        setState(State.SUSPENDED);
        return true;
    }

    /** The value the body yielded at its last suspension (once). */
    public Object takeYielded() {
        Object value = transfer;
        transfer = null;
        return value;
    }

    /** The returned value, once a driven body has returned. */
    @SuppressWarnings("unchecked")
    public T result() {
        return state() == State.CLOSED && !failed ? (T) transfer : null;
    }

    /** The exception a driven body ended with, or null. */
    public Throwable failure() {
        return state() == State.CLOSED && failed ? (Throwable) transfer : null;
    }

    /** Marks the coroutine as taken over by a task: a task that never runs it is reported instead. */
    public void claim() {
        claimed = true;
        markStarted();
    }

    /** Installs a host's {@link CodeNamer}, which names the code it compiled for its user (null removes it). */
    public static void nameCodeWith(CodeNamer namer) {
        asyncrt.internal.CodeNames.install(namer);
    }

    /**
     * Installs a host's {@link UnawaitedSites}, which names where coroutines never awaited were made (null
     * removes it).
     */
    public static void watchUnawaited(UnawaitedSites sites) {
        NeverAwaited.sites = sites;
    }

    /** Awaiting a coroutine runs its body inline, on the awaiting coroutine's stack (Python's {@code await coro}). */
    @Override
    public T awaitFrom(Coroutine<?> driven) {
        if (state() != State.CREATED) {
            throw new IllegalStateException(state() == State.CLOSED
                    ? "cannot reuse already awaited coroutine " + this + ": a coroutine runs once; call the coroutine function again"
                    : "coroutine is being awaited already: " + this);
        }
        markStarted();
        setState(State.RUNNING);
        Coroutine<?> caller = driven.innermost();
        caller.awaiting = this;
        try {
            return callBody();
        } catch (Exception e) {
            throw Throwables.rethrow(e);
        } finally {
            setState(State.CLOSED);
            caller.awaiting = null;
        }
    }

    // ---- introspection ---------------------------------------------------------------------

    public State state() {
        return STATES[state];
    }

    private void setState(State next) {
        state = (byte) next.ordinal();
    }

    /** Whether the body is running or has run. */
    public boolean started() {
        return state() != State.CREATED;
    }

    /**
     * The coroutine's name: the one given with {@link #setName}, else the name of the method whose
     * {@code async(...)} made it (Python's {@code __name__}).
     */
    public String getName() {
        String given = givenName();
        return given != null ? given : BodyNames.of(body);
    }

    /** Renames the coroutine, as assigning Python's {@code coro.__name__} does; a host names code it wraps this way. */
    public void setName(String name) {
        uncommon().name = name;
    }

    private String givenName() {
        return uncommon == null ? null : uncommon.name;
    }

    /** What the coroutine awaits now: another coroutine, a future, or null (Python's {@code cr_await}). */
    public Object awaiting() {
        return awaiting;
    }

    /** What the current await is for, as noted with {@link #await(Awaitable, Object)}, or null. */
    public Object waitSubject() {
        return waitSubject;
    }

    /** The frames of a suspended driven coroutine, innermost first; empty otherwise. */
    public StackTraceElement[] stackTrace() {
        return state() == State.SUSPENDED ? engine.stackTrace() : new StackTraceElement[0];
    }

    /**
     * The frame of this coroutine's body in {@code stack} (innermost first), looking no deeper
     * than {@code outermost}: where it stands, as Python's {@code cr_frame} tells. Returns the
     * index, or -1 when the body is not on that stack.
     */
    public int findFrame(StackTraceElement[] stack, int outermost) {
        BodyNames.Site site = site();
        if (site == null) {
            return -1;
        }
        for (int i = Math.min(outermost, stack.length - 1); i >= 0; i--) {
            if (stack[i].getMethodName().equals(site.methodName()) && stack[i].getClassName().equals(site.className())) {
                return i;
            }
        }
        return -1;
    }

    /** The class whose code the body is (where its lambda was written), or null when unknown. */
    public String bodyClassName() {
        BodyNames.Site site = site();
        return site == null ? null : site.className();
    }

    /** Whether the body is asyncrt's own code (a {@code sleep}, a {@code Queue.get}, ...) rather than the program's. */
    public boolean inLibrary() {
        return BodyNames.inLibrary(body);
    }

    private BodyNames.Site site() {
        return BodyNames.site(body);
    }

    /** The coroutines of the chain of inline awaits that starts here, outermost first. */
    public java.util.List<Coroutine<?>> awaitChain() {
        java.util.List<Coroutine<?>> chain = new java.util.ArrayList<>();
        for (Object link = this; link instanceof Coroutine<?> c; link = c.awaiting) {
            chain.add(c);
        }
        return chain;
    }

    /** The end of {@link #awaitChain()}: what its innermost coroutine waits on (a future, a yielded value), or null. */
    public Object awaitedLast() {
        java.util.List<Coroutine<?>> chain = awaitChain();
        return chain.get(chain.size() - 1).awaiting;
    }

    @Override
    public String toString() {
        String given = givenName();
        String shown = given != null ? given : CodeNames.asCall(getName());
        return "<coroutine object " + shown + " " + state().name().toLowerCase() + ">";
    }

    // ---- never-awaited tracking --------------------------------------------------------------

    private void markStarted() {
        if (uncommon != null && uncommon.neverAwaited != null) {
            uncommon.neverAwaited.started();
            uncommon.neverAwaited = null;
        }
    }

    /** Whether nobody has started the coroutine, awaited it or handed it to a task yet. */
    public boolean unclaimed() {
        return state() == State.CREATED && !claimed;
    }

    void watch(NeverAwaited watcher) {
        uncommon().neverAwaited = watcher;
    }

    Object writtenBody() {
        return body;
    }

    /** A name given with {@link #setName}, and the watch of a coroutine that outlived its creating callback unstarted. */
    private static final class Uncommon {
        String name;
        NeverAwaited neverAwaited;
    }

    private Uncommon uncommon() {
        if (uncommon == null) {
            uncommon = new Uncommon();
        }
        return uncommon;
    }

    // ---- inside the body -------------------------------------------------------------------

    /**
     * What every engine runs: the body of the coroutine that the current thread is resuming, its outcome kept in
     * that coroutine's {@link #transfer}.
     *
     * @implNote The coroutine is looked up again once the body has ended rather than kept in this frame, as
     * {@link #suspendYielding} does after a suspension: with nothing of asyncrt's live across the suspension, the
     * suspended frames take the least room in the heap.
     */
    static void runResumedBody() {
        Object outcome;
        boolean failed = false;
        try {
            outcome = ThreadState.current().coroutine.callBody();
        } catch (Throwable t) {
            outcome = t;
            failed = true;
        }
        Coroutine<?> ended = ThreadState.current().coroutine;
        ended.transfer = outcome;
        ended.failed = failed;
    }

    @SuppressWarnings("unchecked")
    private T callBody() throws Exception {
        if (body instanceof AsyncRunnable runnable) {
            runnable.run();
            return null;
        }
        return ((AsyncBody<T>) body).call();
    }

    /**
     * Suspends this coroutine, which must be the one being driven on this thread, yielding
     * {@code value} to its driver; returns what it is resumed with or throws what is thrown in.
     */
    public Object suspendYielding(Object value) {
        if (state() != State.RUNNING || engine == null) {
            throw new IllegalStateException(this + " is not the coroutine being driven on this thread, so it cannot suspend");
        }
        if (ThreadState.current().debug) {
            MonitorCheck.refuseAwaitHoldingMonitor();
        }
        innermost().awaiting = value;
        transfer = value;
        engine.suspend();
        // This coroutine, and the one of its chain that waited, are found again rather than kept in this frame:
        // with nothing of asyncrt's live across the suspension, the suspended frames take the least room.
        return ThreadState.current().coroutine.resumedAfterYielding(value);
    }

    /** The driven coroutine, back from a suspension that yielded {@code yielded}: returns what was sent in or throws what was thrown in. */
    private Object resumedAfterYielding(Object yielded) {
        Coroutine<?> waited = this;
        while (waited.awaiting != yielded) {  // the chain's end: the one whose awaiting is what it yielded
            waited = (Coroutine<?>) waited.awaiting;
        }
        waited.awaiting = null;
        Object sent = transfer;
        transfer = null;
        if (throwing) {
            throwing = false;
            AwaitTraces.extend((Throwable) sent, Coroutine.class);
            throw Throwables.rethrow((Throwable) sent);
        }
        return sent;
    }

    /**
     * The coroutine running on this driven coroutine's engine: the end of its chain of inline awaits. Valid
     * only while the body runs, when that coroutine's {@link #awaiting} is null.
     */
    private Coroutine<?> innermost() {
        Coroutine<?> running = this;
        while (running.awaiting instanceof Coroutine<?> awaited) {
            running = awaited;
        }
        return running;
    }

    private Object finish() {
        Throwable failure = failure();
        if (failure != null) {
            throw Throwables.rethrow(failure);
        }
        throw new StopIteration(result());
    }
}

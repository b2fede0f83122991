package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.executors.Bridges;
import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;
import asyncrt.tasks.Future;
import asyncrt.tasks.LoopTasks;
import asyncrt.tasks.Task;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The event loop apart from where its events come from: CPython's {@code base_events.BaseEventLoop}. It owns
 * the ready queue, the timers, the clock, the tasks, the default executor, the exception handler and debug
 * mode, and runs the loop. Each turn ({@link #runOnce()}) does what CPython's {@code _run_once} does:
 *
 * <ol>
 * <li>waits for I/O — not at all if callbacks are ready, else until the next timer is due or a channel is
 *     ready or another thread calls {@link #callSoonThreadsafe}; the waiting is the one thing it leaves to
 *     {@link EventLoop}, which waits in its selector;</li>
 * <li>queues the callbacks of ready channels and of timers now due;</li>
 * <li>runs every callback that was ready at that moment, in FIFO order — callbacks they add
 *     wait for the next turn.</li>
 * </ol>
 *
 * <p>Tasks are callbacks too: a task's step is a callback, and a future's done callbacks are
 * scheduled with {@link #callSoon}. Everything but {@link #callSoonThreadsafe} must be called
 * from the loop's own thread.
 *
 * <p>{@link EventLoop} is its only subclass, and the one type code names a loop by; this class exists so
 * that the loop's core reads apart from the selector, as in CPython.
 */
public abstract sealed class BaseEventLoop permits EventLoop {
    /**
     * Cancelled timers are purged from the heap all at once when more than this many are scheduled and over half
     * of them are cancelled, rather than one by one as they reach the top (CPython's {@code
     * _MIN_SCHEDULED_TIMER_HANDLES}): a heap full of cancelled timeouts would otherwise hold their memory until due.
     */
    private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;
    /**
     * The longest the loop waits in its selector in one turn, one day, however far off the next timer is (CPython's
     * {@code MAXIMUM_SELECT_TIMEOUT}): operating systems limit the timeout of a select, and a turn after a day
     * costs nothing.
     */
    private static final long MAXIMUM_SELECT_TIMEOUT_MS = 24L * 3600 * 1000;
    /**
     * The resolution of the loop's clock, {@link System#nanoTime()}, in seconds (CPython's {@code
     * _clock_resolution}): a timer due less than one tick from now is run in this turn, since waiting for it could
     * not be measured.
     */
    private static final double CLOCK_RESOLUTION = 1e-9;

    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private final TimerHeap scheduled = new TimerHeap();
    private final ConcurrentLinkedQueue<Handle> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final LoopTasks tasks = new LoopTasks();
    private final Instruments instruments = new Instruments();
    private final long clockOrigin = System.nanoTime();
    /** The clock of a loop made for timing tests, or null for the monotonic system clock. */
    private final VirtualClock virtualClock;
    private int timerCancelledCount;
    private long timerSequence;

    private volatile Thread thread;
    private boolean stopping;
    private volatile boolean closed;
    private boolean debug = Boolean.getBoolean("asyncrt.debug") || System.getenv("PYTHONASYNCIODEBUG") != null;
    /** In debug mode, callbacks that take this many seconds or more are reported: asyncio's default, 100 ms. */
    private double slowCallbackDuration = 0.1;
    private ExceptionHandler exceptionHandler;
    private volatile boolean nestedRunAllowed;
    private final DefaultExecutor defaultExecutor = new DefaultExecutor();

    /** The state of a new loop whose time is {@code clock}'s, or the system clock's if null. */
    BaseEventLoop(VirtualClock clock) {
        this.virtualClock = clock;
    }

    /**
     * Lets {@code Asyncio.run}, {@code Runner.run} and another loop's {@code runForever} and
     * {@code runUntilComplete} be called from this loop's callbacks and from the outermost
     * coroutine of its tasks, which asyncio refuses ("cannot be called from a running event loop"). Such a call
     * then runs its fresh loop on this thread, nested, exactly as a script would run it, and this loop waits
     * meanwhile, as it waits for any callback that blocks. A coroutine that another one awaits is still refused:
     * there, awaiting is the way. Off by default. A host whose code always runs on a loop that lives between
     * calls (the Jupyter kernel runs every cell's statements as tasks of its own loop) turns it on, so that
     * {@code Asyncio.run(main())} still works there as in a script, with no {@code nest_asyncio}-style patching.
     */
    public void setNestedRunAllowed(boolean allowed) {
        nestedRunAllowed = allowed;
    }

    /** Whether {@link #setNestedRunAllowed} is on. */
    public boolean isNestedRunAllowed() {
        return nestedRunAllowed;
    }

    // ---- running -----------------------------------------------------------------------------

    /**
     * Runs the loop until {@link #stop()} is called. From a callback or task of a loop that allows nested runs
     * ({@link #setNestedRunAllowed}) it runs nested, as {@code Asyncio.run} does there.
     */
    public void runForever() {
        checkOpen();
        checkNotRunning();
        Events.runNested("run_forever()", () -> {
            runHere(false);
            return null;
        });
    }

    /**
     * Runs one turn of the loop on this thread, then returns: what {@link #runForever()} repeats (see the class
     * comment) — wait for I/O until the next timer is due (not at all when callbacks are ready), move the due
     * timers and the callbacks of ready channels to the ready queue, run the callbacks that were ready when the
     * turn began. With nothing ready, no timer and no channel watched, the wait has no end. For stepping a loop
     * by hand, one turn at a time, as the kernel's {@code %step} does; like {@code runForever}, it refuses a loop
     * that runs.
     */
    public void runOneTurn() {
        checkOpen();
        checkNotRunning();
        Events.runNested("run_once()", () -> {
            runHere(true);
            return null;
        });
    }

    private void runHere(boolean oneTurn) {
        ThreadState state = ThreadState.current();
        thread = Thread.currentThread();
        state.runningLoop = self();
        state.debug = debug;
        instruments.beforeRun(self());
        try {
            while (true) {
                runOnce();
                if (stopping || oneTurn) {
                    break;
                }
            }
        } finally {
            instruments.afterRun(self());
            stopping = false;
            thread = null;
            state.runningLoop = null;
            state.debug = false;
        }
    }

    /**
     * Stops the loop once the future {@link #runUntilComplete} waits for is done: CPython's
     * {@code _run_until_complete_cb}, under the name a task's repr shows among its callbacks.
     */
    private static final class RunUntilCompleteCallback<T> implements Consumer<Future<T>> {

        @Override
        public void accept(Future<T> f) {
            // A KeyboardInterrupt (or JShell's stop) that ended the future also ended runForever, so this callback
            // is left over from that run: stopping now would end the next run early (CPython's _run_until_complete_cb
            // makes the same exception).
            if (!Throwables.escapesLoop(f.peekException())) {
                f.getLoop().stop();
            }
        }

        @Override
        public String toString() {
            return "runUntilCompleteCallback()";
        }
    }

    /**
     * Runs the loop until {@code future} is done and returns its result (or throws its exception).
     * A coroutine is wrapped in a task first.
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkOpen();
        checkNotRunning();
        boolean newTask = !(awaitable instanceof Future<?>);
        Future<T> future = ensureFuture(awaitable);
        Consumer<Future<T>> stopWhenDone = new RunUntilCompleteCallback<>();
        future.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (Throwable t) {
            if (newTask && future.done() && !future.cancelled()) {
                future.exception();
            }
            throw t;
        } finally {
            future.removeDoneCallback(stopWhenDone);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /** Makes {@link #runForever()} return after the callbacks of the current turn (call it from the loop's thread). */
    public void stop() {
        stopping = true;
    }

    public boolean isRunning() {
        return thread != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops pending callbacks and shuts the default executor down without waiting
     * ({@link EventLoop#close()} also closes the selector). A closed loop refuses all work. Pending tasks are
     * reported, as CPython reports "Task was destroyed but it is pending!".
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        LoopRegistry.closed(self());
        for (Task<?> task : tasks.all()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("message", "Task was destroyed but it is pending!");
            report.put("task", task);
            callExceptionHandler(report);
        }
        ready.clear();
        scheduled.clear();
        fromOtherThreads.clear();
        timerCancelledCount = 0;
        defaultExecutor.shutdownWithoutWaiting();
    }

    /** The loop's monotonic clock, in seconds (Python's {@code loop.time()}). */
    public double time() {
        return virtualClock != null ? virtualClock.time() : (System.nanoTime() - clockOrigin) / 1e9;
    }

    // ---- scheduling callbacks ------------------------------------------------------------------

    /** Runs {@code callback} on a later turn of the loop, in FIFO order, in a copy of the current context. */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    /** Runs {@code callback} on a later turn of the loop, in {@code context} (null: a copy of the current one). */
    public Handle callSoon(Runnable callback, Context context) {
        checkOpen();
        if (debug) {
            checkThread();
        }
        Handle handle = new Handle(callback, context != null ? context : Context.copyContext(), self());
        ready.add(handle);
        return handle;
    }

    /**
     * Schedules {@code ready} for the next turn: a task's due step, or a handle again. It must not be waiting in
     * the ready queue already.
     */
    public void callSoon(Ready ready) {
        checkOpen();
        if (debug) {
            checkThread();
        }
        this.ready.add(ready);
    }

    /** Like {@link #callSoon}, but callable from any thread: it also wakes the loop if it is waiting. */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkOpen();
        Handle handle = new Handle(callback, context != null ? context : Context.copyContext(), self());
        fromOtherThreads.add(handle);
        wakeup();
        return handle;
    }

    /** Runs {@code callback} after {@code delay} seconds. */
    public TimerHandle callLater(double delay, Runnable callback) {
        return callAt(time() + delay, callback, null);
    }

    public TimerHandle callLater(double delay, Runnable callback, Context context) {
        return callAt(time() + delay, callback, context);
    }

    /** Runs {@code callback} when the loop's {@link #time()} reaches {@code when}. */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    public TimerHandle callAt(double when, Runnable callback, Context context) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt(): when must be a number, got NaN");
        }
        checkOpen();
        if (debug) {
            checkThread();
        }
        TimerHandle timer = new TimerHandle(when, timerSequence++, callback, context != null ? context : Context.copyContext(), self());
        timer.scheduled = true;
        scheduled.add(timer);
        return timer;
    }

    void timerHandleCancelled() {
        timerCancelledCount++;
    }

    // ---- futures, tasks, executors -------------------------------------------------------------

    public <T> Future<T> createFuture() {
        return new Future<>(self());
    }

    /** Wraps {@code coro} in a task scheduled on this loop. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return new Task<>(self(), coro, null, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return new Task<>(self(), coro, name, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return new Task<>(self(), coro, name, context);
    }

    /** A future for {@code awaitable}: itself if it is a future of this loop, else a task running it. */
    public <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Future<T> future) {
            if (future.getLoop() != this) {
                throw new IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument");
            }
            return future;
        }
        if (awaitable instanceof Coroutine<T> coro) {
            return createTask(coro);
        }
        throw new IllegalArgumentException("An asyncio.Future, a coroutine or an awaitable is required, got " + awaitable);
    }

    /**
     * Runs {@code fn} on {@code executor} (the loop's default thread pool when null) and returns
     * a future of its result, completed on this loop's thread.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkOpen();
        Executor target = executor != null ? executor : defaultExecutor.get();
        CompletableFuture<T> job = CompletableFuture.supplyAsync(() -> {
            try {
                return fn.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, target);
        return Bridges.wrapFuture(job, self());
    }

    /** Sets the executor used when {@link #runInExecutor} gets null. */
    public void setDefaultExecutor(ExecutorService executor) {
        defaultExecutor.set(executor);
    }

    /** Whether the loop has made its default executor (the first {@code runInExecutor(null, ...)} or {@code toThread} does). */
    public boolean hasDefaultExecutor() {
        return defaultExecutor.made();
    }

    /** Shuts the default executor down and waits for its threads to finish their work, without blocking the loop. */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return defaultExecutor.shutdown(self());
    }

    // ---- one turn ------------------------------------------------------------------------------------

    /** One iteration of the loop: wait, collect what is due, run what was ready. See the class comment. */
    protected void runOnce() {
        EventLoop self = self();
        purgeCancelledTimers();
        drainOtherThreads();
        long timeoutMs;
        if (!ready.isEmpty() || stopping) {
            timeoutMs = 0;
        } else if (!scheduled.isEmpty()) {
            double wait = scheduled.peek().when() - time();
            timeoutMs = wait <= 0 ? 0 : Math.min((long) Math.ceil(wait * 1000), MAXIMUM_SELECT_TIMEOUT_MS);
        } else {
            timeoutMs = -1;
        }
        if (virtualClock != null && timeoutMs > 0) {
            idleOnVirtualClock();
        } else {
            waitForIo(timeoutMs, ready);
        }
        drainOtherThreads();

        double endTime = time() + CLOCK_RESOLUTION;
        while (!scheduled.isEmpty()) {
            TimerHandle timer = scheduled.peek();
            if (timer.when() >= endTime) {
                break;
            }
            scheduled.poll();
            timer.scheduled = false;
            if (timer.cancelled()) {
                timerCancelledCount--;
            } else {
                ready.add(timer);
            }
        }

        ThreadState state = ThreadState.current();
        state.debug = debug;
        for (int n = ready.size(); n > 0; n--) {
            Ready next = ready.poll();
            if (next instanceof Handle handle && handle.cancelled()) {
                continue;
            }
            if (debug) {
                runTimed(next);
            } else {
                next.run(self);
            }
            state.callbackEnded(next.getContext());
        }
    }

    private void purgeCancelledTimers() {
        int count = scheduled.size();
        if (count > MIN_SCHEDULED_TIMER_HANDLES && timerCancelledCount * 2 > count) {
            scheduled.removeIf(timer -> {
                if (timer.cancelled()) {
                    timer.scheduled = false;
                    return true;
                }
                return false;
            });
            timerCancelledCount = 0;
        } else {
            while (!scheduled.isEmpty() && scheduled.peek().cancelled()) {
                scheduled.poll().scheduled = false;
                timerCancelledCount--;
            }
        }
    }

    private void drainOtherThreads() {
        Handle handle;
        while ((handle = fromOtherThreads.poll()) != null) {
            ready.add(handle);
        }
    }

    /** Instead of sleeping until the next timer: a last look for I/O and other threads' callbacks, then a jump to the timer. */
    private void idleOnVirtualClock() {
        waitForIo(virtualClock.autojumpMillis(), ready);
        drainOtherThreads();
        if (ready.isEmpty()) {
            virtualClock.jumpTo(scheduled.peek().when());
        }
    }

    private void runTimed(Ready next) {
        double start = time();
        next.run(self());
        double took = time() - start;
        if (took >= slowCallbackDuration) {
            String report = String.format("Executing %s took %.3f seconds", next, took);
            // In the callback's context, so that a host routing output by context shows it where the callback came from.
            next.getContext().copy().run(() -> System.err.println(report));
        }
    }

    // ---- errors --------------------------------------------------------------------------------------

    /** Installs the handler for errors no await can surface (null restores the default). */
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Reports what {@code failed} threw as it ran (Python's {@code Handle._run}), with where it was scheduled
     * from ({@code sourceTraceback}, in debug mode, else null); an exception that must end the loop
     * ({@link Throwables#escapesLoop}) is rethrown instead.
     */
    public void reportCallbackFailure(Ready failed, Throwable exception, StackTraceElement[] sourceTraceback) {
        if (Throwables.escapesLoop(exception)) {
            throw Throwables.rethrow(exception);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("message", "Exception in callback " + failed.describeCallback());
        report.put("exception", exception);
        report.put("handle", failed);
        if (sourceTraceback != null) {
            report.put("source_traceback", sourceTraceback);
        }
        callExceptionHandler(report);
    }

    /** Passes {@code context} (keys as in {@link ExceptionHandler}) to the handler, or to the default one. */
    public void callExceptionHandler(Map<String, Object> context) {
        if (exceptionHandler == null) {
            try {
                defaultExceptionHandler(context);
            } catch (RuntimeException e) {
                System.err.println("Exception in default exception handler");
                e.printStackTrace();
            }
            return;
        }
        try {
            exceptionHandler.handle(self(), context);
        } catch (Throwable e) {
            if (Throwables.escapesLoop(e)) {
                throw e;
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("message", "Unhandled error in exception handler");
            report.put("exception", e);
            report.put("context", context);
            defaultExceptionHandler(report);
        }
    }

    /**
     * Writes {@code context} to standard error: the message, the other keys, then the exception's stack trace,
     * with asyncrt's and the JDK's machinery folded away unless the loop is in debug mode (Python's
     * {@code default_exception_handler}); see {@link ErrorReport}.
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        ErrorReport.write(context, debug);
    }

    /** For reports made off the loop's thread (by the garbage collector): queued if the loop runs, else handled here. */
    public void reportFromAnyThread(Map<String, Object> context) {
        reportFromAnyThread(context, null);
    }

    /**
     * {@link #reportFromAnyThread(Map)}, handled in a copy of {@code about}: the context of the task or callback
     * the report is about, so that a host routing output by context variable shows it where that code came from.
     */
    public void reportFromAnyThread(Map<String, Object> context, Context about) {
        Runnable report = () -> callExceptionHandler(context);
        if (isRunning() && !closed) {
            try {
                if (about == null) {
                    callSoonThreadsafe(report);
                } else {
                    callSoonThreadsafe(report, about.copy());
                }
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // fall through: report here
            }
        }
        if (about == null) {
            report.run();
        } else {
            about.copy().run(report);
        }
    }

    // ---- debug mode and introspection ------------------------------------------------------------------

    /** Debug mode, as asyncio's: slow callbacks reported, thread misuse detected, creation stacks kept. */
    public void setDebug(boolean enabled) {
        debug = enabled;
        if (thread == Thread.currentThread()) {
            ThreadState.current().debug = enabled;
        }
    }

    public boolean getDebug() {
        return debug;
    }

    /** Callbacks that take longer than this many seconds are reported in debug mode (default 0.1). */
    public void setSlowCallbackDuration(double seconds) {
        slowCallbackDuration = seconds;
    }

    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /** The loop's tasks: the current one and all live ones. */
    public LoopTasks tasks() {
        return tasks;
    }

    /** The instruments attached to this loop. */
    public Instruments instruments() {
        return instruments;
    }

    /** The callbacks ready to run on the next turn, oldest first: handles, and tasks whose step is due. */
    public List<Ready> readyHandles() {
        return List.copyOf(ready);
    }

    /** The timers in the heap (cancelled ones included until purged), soonest first. */
    public List<TimerHandle> scheduledTimers() {
        return scheduled.sorted();
    }

    /** The thread running the loop, or null. */
    public Thread thread() {
        return thread;
    }

    /** Fails with asyncio's "Event loop is closed" if the loop is closed. */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed: create a new one with EventLoop.newEventLoop() or use Asyncio.run(...)");
        }
    }

    private void checkNotRunning() {
        if (isRunning()) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (!Events.canRunLoopHere()) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    private void checkThread() {
        Thread owner = thread;
        if (owner != null && owner != Thread.currentThread() && ThreadState.current().runningLoop != this) {
            throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other than the current one:"
                    + " use callSoonThreadsafe from other threads");
        }
    }

    // ---- what the loop over a selector provides ------------------------------------------------------

    /**
     * Waits up to {@code timeoutMs} (0: not at all, -1: without limit) for a channel to be ready or for
     * {@link #wakeup()}, then adds the callbacks of the ready channels to {@code ready}: CPython's
     * {@code self._selector.select(timeout)} followed by {@code self._process_events(event_list)}. Called once
     * per turn. An interrupted wait ends in {@link KeyboardInterrupt}.
     */
    abstract void waitForIo(long timeoutMs, Collection<? super Handle> ready);

    /** Ends a wait in {@link #waitForIo} early; callable from any thread (CPython's {@code _write_to_self}). */
    abstract void wakeup();

    /**
     * This loop as the {@link EventLoop} that its handles, futures and tasks belong to and that hosts receive
     * ({@code Future.getLoop()}, {@code ExceptionHandler}, the running loop): the class is sealed to it, so the
     * cast cannot fail.
     */
    private EventLoop self() {
        return (EventLoop) this;
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}

package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.executors.Bridges;
import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;
import asyncrt.tasks.Future;
import asyncrt.tasks.LoopTasks;
import asyncrt.tasks.Task;
import java.nio.channels.SelectableChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loop: Python's asyncio event loop, one per thread. Each turn of the loop
 * ({@link #runOnce()}) does what CPython's {@code _run_once} does:
 *
 * <ol>
 * <li>waits in its selector ({@link IoWatcher}) — not at all if callbacks are ready, else until the next
 *     timer is due or a channel is ready or another thread calls {@link #callSoonThreadsafe};</li>
 * <li>queues the callbacks of ready channels and of timers now due;</li>
 * <li>runs every callback that was ready at that moment, in FIFO order — callbacks they add
 *     wait for the next turn.</li>
 * </ol>
 *
 * <p>Tasks are callbacks too: a task's step is a callback, and a future's done callbacks are
 * scheduled with {@link #callSoon}. Everything but {@link #callSoonThreadsafe} must be called
 * from the loop's own thread.
 */
public class EventLoop {
    /** A cancelled timer is purged at once when more than this many are scheduled and half are cancelled (as CPython). */
    private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;
    private static final long MAXIMUM_SELECT_TIMEOUT_MS = 24L * 3600 * 1000;
    private static final AtomicInteger EXECUTOR_THREADS = new AtomicInteger();

    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final TimerHeap scheduled = new TimerHeap();
    private final ConcurrentLinkedQueue<Handle> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final IoWatcher io = new IoWatcher();
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
    private double slowCallbackDuration = 0.1;
    private ExceptionHandler exceptionHandler;
    private volatile boolean nestedRunAllowed;
    private ExecutorService defaultExecutor;
    private final Map<Signal, Signals.Registration> signalHandlers = new java.util.EnumMap<>(Signal.class);

    /** A new loop, not running and not set as anyone's current loop; prefer {@link #newEventLoop()}. */
    public EventLoop() {
        this(null);
    }

    /**
     * A new loop whose time is {@code clock}'s: when idle it jumps the clock to its next timer instead of
     * sleeping (see {@link VirtualClock}); null for the system clock.
     */
    public EventLoop(VirtualClock clock) {
        this.virtualClock = clock;
        LoopRegistry.opened(this);
    }

    // ---- which loop --------------------------------------------------------------------------

    /** A new event loop (Python's {@code asyncio.new_event_loop()}). */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /** The loop running on this thread; fails with "no running event loop" outside one. */
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

    /** The running loop, else the loop set for this thread with {@link #setEventLoop}; fails when neither exists (Python 3.14). */
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

    /** Makes {@code loop} this thread's current loop (null to clear it). */
    public static void setEventLoop(EventLoop loop) {
        ThreadState.current().eventLoop = loop;
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

    /** Whether a loop may be run on this thread now: none is running, or one that allows a nested run here. */
    public static boolean canRunLoopHere() {
        ThreadState state = ThreadState.current();
        EventLoop host = state.runningLoop;
        return host == null || host.nestedRunAllowed && (state.coroutine == null || state.coroutine.awaiting() == null);
    }

    /**
     * Runs {@code run} on this thread as if no loop were running here, then puts this thread's loop state back:
     * how {@code Asyncio.run} runs nested inside a loop that allows it ({@link #setNestedRunAllowed}). Fails with
     * asyncio's message when a loop runs here that does not allow it.
     *
     * @param caller what is being called, for the error message ({@code asyncio.run()})
     */
    public static <T> T runNested(String caller, java.util.function.Supplier<T> run) {
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
        java.util.ArrayList<Coroutine<?>> created = state.createdCoroutines;
        state.runningLoop = null;
        state.coroutine = null;
        state.createdCoroutines = null;
        try {
            return run.get();
        } finally {
            state.runningLoop = host;
            state.coroutine = coroutine;
            state.eventLoop = eventLoop;
            state.createdCoroutines = created;
        }
    }

    // ---- running -----------------------------------------------------------------------------

    /**
     * Runs the loop until {@link #stop()} is called. From a callback or task of a loop that allows nested runs
     * ({@link #setNestedRunAllowed}) it runs nested, as {@code Asyncio.run} does there.
     */
    public void runForever() {
        checkOpen();
        checkNotRunning();
        runNested("run_forever()", () -> {
            runForeverHere();
            return null;
        });
    }

    private void runForeverHere() {
        runHere(false);
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
        runNested("run_once()", () -> {
            runHere(true);
            return null;
        });
    }

    private void runHere(boolean oneTurn) {
        ThreadState state = ThreadState.current();
        thread = Thread.currentThread();
        state.runningLoop = this;
        instruments.beforeRun(this);
        try {
            while (true) {
                runOnce();
                if (stopping || oneTurn) {
                    break;
                }
            }
        } finally {
            instruments.afterRun(this);
            stopping = false;
            thread = null;
            state.runningLoop = null;
        }
    }

    /**
     * Runs the loop until {@code future} is done and returns its result (or throws its exception).
     * A coroutine is wrapped in a task first.
     */
    public <T> T runUntilComplete(asyncrt.coroutines.Awaitable<T> awaitable) {
        checkOpen();
        checkNotRunning();
        boolean newTask = !(awaitable instanceof Future<?>);
        Future<T> future = ensureFuture(awaitable);
        java.util.function.Consumer<Future<T>> stopWhenDone = f -> {
            // A KeyboardInterrupt (or JShell's stop) that ended the future also ended runForever, so this callback
            // is left over from that run: stopping now would end the next run early (CPython's issue #22429).
            if (!Throwables.escapesLoop(f.peekException())) {
                f.getLoop().stop();
            }
        };
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
     * Closes the loop: drops pending callbacks, shuts the default executor down without waiting,
     * closes the selector. A closed loop refuses all work. Pending tasks are reported, as
     * CPython reports "Task was destroyed but it is pending!".
     */
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        LoopRegistry.closed(this);
        signalHandlers.values().forEach(Signals.Registration::remove);
        signalHandlers.clear();
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
        if (defaultExecutor != null) {
            defaultExecutor.shutdown();
        }
        io.close();
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
        Handle handle = new Handle(callback, context != null ? context : Context.copyContext(), this);
        ready.add(handle);
        return handle;
    }

    /**
     * A handle for {@code callback} that is not scheduled yet: {@link #callSoon(Handle)} schedules
     * it, as often as needed. A task keeps one for its step instead of allocating one per step.
     */
    public Handle newHandle(Runnable callback, Context context) {
        return new Handle(callback, context, this);
    }

    /** Schedules {@code handle} for the next turn (it must not be waiting in the ready queue already). */
    public void callSoon(Handle handle) {
        checkOpen();
        if (debug) {
            checkThread();
        }
        ready.add(handle);
    }

    /** Like {@link #callSoon}, but callable from any thread: it also wakes the loop if it is waiting. */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkOpen();
        Handle handle = new Handle(callback, context != null ? context : Context.copyContext(), this);
        fromOtherThreads.add(handle);
        io.wakeup();
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
        TimerHandle timer = new TimerHandle(when, timerSequence++, callback, context != null ? context : Context.copyContext(), this);
        timer.scheduled = true;
        scheduled.add(timer);
        return timer;
    }

    void timerHandleCancelled() {
        timerCancelledCount++;
    }

    // ---- futures, tasks, executors -------------------------------------------------------------

    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Wraps {@code coro} in a task scheduled on this loop. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return new Task<>(this, coro, null, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return new Task<>(this, coro, name, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return new Task<>(this, coro, name, context);
    }

    /** A future for {@code awaitable}: itself if it is a future of this loop, else a task running it. */
    public <T> Future<T> ensureFuture(asyncrt.coroutines.Awaitable<T> awaitable) {
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
        Executor target = executor != null ? executor : defaultExecutor();
        CompletableFuture<T> job = CompletableFuture.supplyAsync(() -> {
            try {
                return fn.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, target);
        return Bridges.wrapFuture(job, this);
    }

    /** {@code runInExecutor(executor, fn, arg)}: Python's {@code loop.run_in_executor(executor, fn, arg)}. */
    public <A, T> Future<T> runInExecutor(Executor executor, java.util.function.Function<A, T> fn, A arg) {
        return runInExecutor(executor, () -> fn.apply(arg));
    }

    /** Sets the executor used when {@link #runInExecutor} gets null. */
    public void setDefaultExecutor(ExecutorService executor) {
        defaultExecutor = executor;
    }

    private synchronized ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            defaultExecutor = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "asyncio_" + EXECUTOR_THREADS.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
        return defaultExecutor;
    }

    /** Whether the loop has made its default executor (the first {@code runInExecutor(null, ...)} or {@code toThread} does). */
    public boolean hasDefaultExecutor() {
        return defaultExecutor != null;
    }

    /** Shuts the default executor down and waits for its threads to finish their work, without blocking the loop. */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return Coroutine.of(() -> {
            ExecutorService executor = defaultExecutor;
            if (executor == null) {
                return;
            }
            executor.shutdown();
            Executor ownThread = job -> new Thread(job, "asyncio-shutdown-executor").start();
            Future<Boolean> joined = runInExecutor(ownThread, () -> executor.awaitTermination(300, java.util.concurrent.TimeUnit.SECONDS));
            if (!Coroutine.await(joined)) {
                System.err.println("The executor did not finish joining its threads within 300 seconds.");
            }
        });
    }

    // ---- signals ---------------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on this loop's thread whenever {@code signal} arrives (replacing any
     * handler this loop had for it). In the Jupyter kernel, the Stop button delivers SIGINT.
     */
    public void addSignalHandler(Signal signal, Runnable callback) {
        checkOpen();
        Context context = Context.copyContext();
        Signals.Registration registration = Signals.install(signal, () -> {
            try {
                callSoonThreadsafe(callback, context);
            } catch (IllegalStateException loopClosed) {
                // the loop closed as the signal came in: nothing left to run it
            }
        });
        Signals.Registration previous = signalHandlers.put(signal, registration);
        if (previous != null) {
            previous.remove();
        }
    }

    /** Removes this loop's handler for {@code signal}; returns whether there was one. */
    public boolean removeSignalHandler(Signal signal) {
        Signals.Registration registration = signalHandlers.remove(signal);
        if (registration == null) {
            return false;
        }
        registration.remove();
        return true;
    }

    // ---- I/O readiness -----------------------------------------------------------------------------

    /** Calls {@code callback} whenever {@code channel} is readable (or, for a server socket, has a connection to accept). */
    public void addReader(SelectableChannel channel, Runnable callback) {
        io.setReader(channel, newIoHandle(callback));
    }

    /** Stops watching {@code channel} for reading; returns whether it was watched. */
    public boolean removeReader(SelectableChannel channel) {
        return io.removeReader(channel);
    }

    /** Calls {@code callback} whenever {@code channel} is writable (or its connection attempt has finished). */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        io.setWriter(channel, newIoHandle(callback));
    }

    /** Stops watching {@code channel} for writing; returns whether it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return io.removeWriter(channel);
    }

    /** The channels being watched, with their interest (for introspection). */
    public Map<SelectableChannel, String> ioRegistrations() {
        return closed ? new LinkedHashMap<>() : io.registrations();
    }

    private Handle newIoHandle(Runnable callback) {
        checkOpen();
        return new Handle(callback, Context.copyContext(), this);
    }

    // ---- one turn ------------------------------------------------------------------------------------

    /** One iteration of the loop: wait, collect what is due, run what was ready. See the class comment. */
    protected void runOnce() {
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
            waitForIo(timeoutMs);
        }
        drainOtherThreads();

        double endTime = time() + 1e-9;
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
        for (int n = ready.size(); n > 0; n--) {
            Handle handle = ready.poll();
            if (handle.cancelled()) {
                continue;
            }
            if (debug) {
                runTimed(handle);
            } else {
                handle.run();
            }
            Coroutine.afterCallback(state, handle.getContext());
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

    private void waitForIo(long timeoutMs) {
        if (timeoutMs == 0 && io.isEmpty()) {
            return;
        }
        double timeout = timeoutMs < 0 ? Double.POSITIVE_INFINITY : timeoutMs / 1000.0;
        instruments.beforeIoWait(timeout);
        try {
            io.select(timeoutMs, ready);
        } finally {
            instruments.afterIoWait(timeout);
        }
        if (Thread.interrupted()) {
            throw new KeyboardInterrupt("the event loop's thread was interrupted while waiting");
        }
    }

    /** Instead of sleeping until the next timer: a last look for I/O and other threads' callbacks, then a jump to the timer. */
    private void idleOnVirtualClock() {
        waitForIo(virtualClock.autojumpMillis());
        drainOtherThreads();
        if (ready.isEmpty()) {
            virtualClock.jumpTo(scheduled.peek().when());
        }
    }

    private void runTimed(Handle handle) {
        long start = System.nanoTime();
        handle.run();
        double took = (System.nanoTime() - start) / 1e9;
        if (took >= slowCallbackDuration) {
            Task<?> task = Task.ofStep(handle.callback());
            String report = String.format("Executing %s took %.3f seconds", task != null ? task : handle, took);
            // In the callback's context, so that a host routing output by context shows it where the callback came from.
            handle.getContext().copy().run(() -> System.err.println(report));
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
            exceptionHandler.handle(this, context);
        } catch (Throwable e) {
            if (asyncrt.internal.Throwables.escapesLoop(e)) {
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
     * with asyncrt's and the JDK's machinery folded away unless the loop is in debug mode.
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        StringBuilder out = new StringBuilder(String.valueOf(message));
        context.entrySet().stream()
                .filter(e -> !e.getKey().equals("message") && !e.getKey().equals("exception"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append('\n').append(e.getKey()).append(": ").append(describe(e.getValue())));
        Runnable report = () -> {
            java.io.PrintStream err = System.err;
            synchronized (err) {
                err.println(out);
                if (context.get("exception") instanceof Throwable t) {
                    if (debug) {
                        t.printStackTrace(err);
                    } else {
                        err.print(asyncrt.internal.FoldedTrace.of(t));
                    }
                }
            }
        };
        Context concerned = contextConcerned(context);
        if (concerned == null) {
            report.run();
        } else {
            // In the context of the task or callback it is about: a host that routes output by context variable
            // (the Jupyter kernel sends it to the cell that created the task) shows it there.
            concerned.copy().run(report);
        }
    }

    /** The context of the task, future or callback an error report is about, or null. */
    private static Context contextConcerned(Map<String, Object> context) {
        for (String key : new String[] {"task", "future"}) {
            if (context.get(key) instanceof Task<?> task) {
                return task.getContext();
            }
        }
        return context.get("handle") instanceof Handle handle ? handle.getContext() : null;
    }

    private static String describe(Object value) {
        if (value instanceof StackTraceElement[] trace) {
            StringBuilder s = new StringBuilder("(most recent call first)");
            for (StackTraceElement frame : trace) {
                s.append("\n  at ").append(frame);
            }
            return s.toString();
        }
        return String.valueOf(value);
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

    /** The callbacks ready to run on the next turn, oldest first. */
    public List<Handle> readyHandles() {
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
        if (!canRunLoopHere()) {
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

    // ---- low-level socket operations (asyncrt.sockets) -------------------------------------------------

    /** Accepts a connection on a non-blocking server channel, waiting for one (Python's {@code loop.sock_accept}). */
    public Coroutine<java.nio.channels.SocketChannel> sockAccept(java.nio.channels.ServerSocketChannel server) {
        return asyncrt.sockets.SocketOperations.accept(this, server);
    }

    /** Connects a non-blocking channel to {@code address} (Python's {@code loop.sock_connect}). */
    public Coroutine<Void> sockConnect(java.nio.channels.SocketChannel sock, java.net.SocketAddress address) {
        return asyncrt.sockets.SocketOperations.connect(this, sock, address);
    }

    /** Receives up to {@code nbytes} bytes, waiting for some; empty at EOF (Python's {@code loop.sock_recv}). */
    public Coroutine<byte[]> sockRecv(java.nio.channels.SocketChannel sock, int nbytes) {
        return asyncrt.sockets.SocketOperations.recv(this, sock, nbytes);
    }

    /** Receives into {@code buffer}; the byte count, 0 at EOF (Python's {@code loop.sock_recv_into}). */
    public Coroutine<Integer> sockRecvInto(java.nio.channels.SocketChannel sock, java.nio.ByteBuffer buffer) {
        return asyncrt.sockets.SocketOperations.recvInto(this, sock, buffer);
    }

    /**
     * Stops watching {@code channel} for good, ahead of closing it: the selector lets go of it on
     * its next turn, and a channel closed after that closes its socket at once. (NIO defers
     * closing a channel that is still registered with a selector, half-closing it meanwhile: two
     * system calls more, and the descriptor lives a turn longer.) Transports call it when they
     * close, then close the channel on a later turn.
     */
    public void unregister(SelectableChannel channel) {
        io.unregister(channel);
    }

    /**
     * {@link #unregister}, with the selector letting go of {@code channel} before this returns, so that
     * closing the channel right after closes its socket at once: a listening socket closed this way
     * refuses the very next connection attempt, as CPython's {@code Server.close()} does.
     */
    public void unregisterNow(SelectableChannel channel) {
        io.unregisterNow(channel);
    }

    /** Sends all of {@code data}, waiting while the socket is not writable (Python's {@code loop.sock_sendall}). */
    public Coroutine<Void> sockSendall(java.nio.channels.SocketChannel sock, byte[] data) {
        return asyncrt.sockets.SocketOperations.sendall(this, sock, java.nio.ByteBuffer.wrap(data));
    }

    // ---- process pools (asyncrt.executors) -------------------------------------------------------------

    /**
     * {@link #runInExecutor(Executor, Callable)} for a function that can also run in another JVM:
     * a lambda passed here is serializable, so a {@link asyncrt.executors.ProcessPoolExecutor}
     * can ship it to a worker process; any other executor just runs it.
     */
    public <T> Future<T> runInExecutor(Executor executor, asyncrt.executors.SerializableCallable<T> fn) {
        if (executor instanceof asyncrt.executors.ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn), this);
        }
        return runInExecutor(executor, (Callable<T>) fn);
    }

    /** {@code loop.run_in_executor(pool, fn, arg)} where {@code pool} may be a process pool; see the method above. */
    public <A, T> Future<T> runInExecutor(Executor executor, asyncrt.executors.SerializableFunction<A, T> fn, A arg) {
        if (executor instanceof asyncrt.executors.ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn, arg), this);
        }
        return runInExecutor(executor, (java.util.function.Function<A, T>) fn, arg);
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}

package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.executors.Bridges;
import asyncrt.executors.ProcessPoolExecutor;
import asyncrt.executors.SerializableCallable;
import asyncrt.executors.SerializableFunction;
import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;
import asyncrt.sockets.SocketOperations;
import asyncrt.tasks.Future;
import asyncrt.tasks.LoopTasks;
import asyncrt.tasks.Task;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.EnumMap;
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
import java.util.function.Function;

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
    /** In debug mode, callbacks that take this many seconds or more are reported: asyncio's default, 100 ms. */
    private double slowCallbackDuration = 0.1;
    private ExceptionHandler exceptionHandler;
    private volatile boolean nestedRunAllowed;
    private final DefaultExecutor defaultExecutor = new DefaultExecutor();
    private final Map<Signal, Signals.Registration> signalHandlers = new EnumMap<>(Signal.class);

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

    // ---- which loop: see Events --------------------------------------------------------------

    /** {@link Events#newEventLoop()}. */
    public static EventLoop newEventLoop() {
        return Events.newEventLoop();
    }

    /** {@link Events#getRunningLoop()}. */
    public static EventLoop getRunningLoop() {
        return Events.getRunningLoop();
    }

    /** {@link Events#getEventLoop()}. */
    public static EventLoop getEventLoop() {
        return Events.getEventLoop();
    }

    /** {@link Events#setEventLoop(EventLoop)}. */
    public static void setEventLoop(EventLoop loop) {
        Events.setEventLoop(loop);
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
        Events.runNested("run_once()", () -> {
            runHere(true);
            return null;
        });
    }

    private void runHere(boolean oneTurn) {
        ThreadState state = ThreadState.current();
        thread = Thread.currentThread();
        state.runningLoop = this;
        state.debug = debug;
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
            state.debug = false;
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
        Consumer<Future<T>> stopWhenDone = f -> {
            // A KeyboardInterrupt (or JShell's stop) that ended the future also ended runForever, so this callback
            // is left over from that run: stopping now would end the next run early (CPython's _run_until_complete_cb
            // makes the same exception).
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
        defaultExecutor.shutdownWithoutWaiting();
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
     * it, as often as needed.
     *
     * @implNote A task keeps one for its step instead of allocating one per step.
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
        return Bridges.wrapFuture(job, this);
    }

    /** {@code runInExecutor(executor, fn, arg)}: Python's {@code loop.run_in_executor(executor, fn, arg)}. */
    public <A, T> Future<T> runInExecutor(Executor executor, Function<A, T> fn, A arg) {
        return runInExecutor(executor, () -> fn.apply(arg));
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
        return defaultExecutor.shutdown(this);
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
            Handle handle = ready.poll();
            if (handle.cancelled()) {
                continue;
            }
            if (debug) {
                runTimed(handle);
            } else {
                handle.run(this);
            }
            state.callbackEnded(handle.getContext());
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
        double start = time();
        handle.run(this);
        double took = time() - start;
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

    // ---- low-level socket operations (asyncrt.sockets) -------------------------------------------------

    /** Accepts a connection on a non-blocking server channel, waiting for one (Python's {@code loop.sock_accept}). */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel server) {
        return SocketOperations.accept(this, server);
    }

    /** Connects a non-blocking channel to {@code address} (Python's {@code loop.sock_connect}). */
    public Coroutine<Void> sockConnect(SocketChannel sock, SocketAddress address) {
        return SocketOperations.connect(this, sock, address);
    }

    /** Receives up to {@code nbytes} bytes, waiting for some; empty at EOF (Python's {@code loop.sock_recv}). */
    public Coroutine<byte[]> sockRecv(SocketChannel sock, int nbytes) {
        return SocketOperations.recv(this, sock, nbytes);
    }

    /** Receives into {@code buffer}; the byte count, 0 at EOF (Python's {@code loop.sock_recv_into}). */
    public Coroutine<Integer> sockRecvInto(SocketChannel sock, ByteBuffer buffer) {
        return SocketOperations.recvInto(this, sock, buffer);
    }

    /**
     * Stops watching {@code channel} for good, ahead of closing it: the selector lets go of it on
     * its next turn, and a channel closed after that closes its socket at once. Transports call it
     * when they close, then close the channel on a later turn.
     *
     * @implNote NIO defers closing a channel that is still registered with a selector, half-closing
     * it meanwhile: two system calls more, and the descriptor lives a turn longer.
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
    public Coroutine<Void> sockSendall(SocketChannel sock, byte[] data) {
        return SocketOperations.sendall(this, sock, ByteBuffer.wrap(data));
    }

    // ---- process pools (asyncrt.executors) -------------------------------------------------------------

    /**
     * {@link #runInExecutor(Executor, Callable)} for a function that can also run in another JVM:
     * a lambda passed here is serializable, so a {@link ProcessPoolExecutor}
     * can ship it to a worker process; any other executor just runs it.
     */
    public <T> Future<T> runInExecutor(Executor executor, SerializableCallable<T> fn) {
        if (executor instanceof ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn), this);
        }
        return runInExecutor(executor, (Callable<T>) fn);
    }

    /** {@code loop.run_in_executor(pool, fn, arg)} where {@code pool} may be a process pool; see the method above. */
    public <A, T> Future<T> runInExecutor(Executor executor, SerializableFunction<A, T> fn, A arg) {
        if (executor instanceof ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn, arg), this);
        }
        return runInExecutor(executor, (Function<A, T>) fn, arg);
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}

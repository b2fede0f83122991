package asyncrt;

import asyncrt.combinators.Gather;
import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.KeyboardInterrupt;
import asyncrt.events.Signal;
import asyncrt.events.Signals;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs coroutines on an event loop of its own and cleans up after them: Python 3.11's
 * {@code asyncio.Runner}, which {@code asyncio.run} uses. Several {@link #run} calls share one
 * loop and one context; {@link #close} cancels whatever tasks are left, waits for them, shuts
 * the default executor down and closes the loop.
 *
 * <p>While a coroutine runs, SIGINT (Ctrl-C, or the notebook's Stop button) cancels its main
 * task, and {@code run} then throws {@link KeyboardInterrupt}; a second SIGINT interrupts the
 * loop itself.
 */
public final class Runner implements AutoCloseable {
    private enum State { CREATED, INITIALIZED, CLOSED }

    private final Boolean debug;
    private final Supplier<EventLoop> loopFactory;
    private State state = State.CREATED;
    private EventLoop loop;
    private Context context;
    private int interruptCount;
    /** The main task of the run in progress (its SIGINT callbacks check it: one queued as a run ended must not hit the next). */
    private Task<?> running;

    /** A runner; its loop's debug mode is left as the loop's default. */
    public Runner() {
        this(null);
    }

    /** A runner whose loop runs in debug mode or not ({@code null}: the loop's default). */
    public Runner(Boolean debug) {
        this(debug, EventLoop::newEventLoop);
    }

    /**
     * A runner whose loop {@code loopFactory} makes (Python's {@code Runner(loop_factory=...)}); e.g.
     * {@code new Runner(null, () -> new EventLoop(new VirtualClock()))} for a loop on a virtual clock.
     */
    public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /** Runs {@code coro} to completion on the runner's loop and returns its result. */
    public <T> T run(Coroutine<T> coro) {
        if (!Events.canRunLoopHere()) {
            coro.close();
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop:"
                    + " inside a coroutine, await the coroutine instead");
        }
        return Events.runNested("Runner.run()", () -> runHere(coro));
    }

    private <T> T runHere(Coroutine<T> coro) {
        initialize();
        Task<T> task = loop.createTask(coro, null, context);
        interruptCount = 0;
        running = task;
        Signals.Registration sigint = Signals.install(Signal.SIGINT, () -> onSigint(task));
        try {
            return loop.runUntilComplete(task);
        } catch (CancelledError cancelled) {
            if (interruptCount > 0 && task.uncancel() == 0) {
                throw new KeyboardInterrupt();
            }
            throw cancelled;
        } finally {
            sigint.remove();
            running = null;
        }
    }

    /** The runner's loop (created on first use). */
    public EventLoop getLoop() {
        initialize();
        return loop;
    }

    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            state = State.CLOSED;
            return;
        }
        Events.runNested("Runner.close()", () -> {
            closeHere();
            return null;
        });
    }

    private void closeHere() {
        try {
            cancelAllTasks();
            if (loop.hasDefaultExecutor()) {  // without one there is nothing to wait for, and no task is needed
                loop.runUntilComplete(loop.shutdownDefaultExecutor());
            }
        } finally {
            Events.setEventLoop(null);
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    private void initialize() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = loopFactory.get();
        Events.setEventLoop(loop);
        if (debug != null) {
            loop.setDebug(debug);
        }
        context = Context.copyContext();
        state = State.INITIALIZED;
    }

    /** Runs on the signal's thread: the first SIGINT cancels the main task, the next interrupts the loop. */
    private void onSigint(Task<?> mainTask) {
        interruptCount++;
        try {
            if (interruptCount == 1) {
                loop.callSoonThreadsafe(() -> {
                    if (running == mainTask && !mainTask.done()) {
                        mainTask.cancel();
                    }
                });
            } else {
                loop.callSoonThreadsafe(() -> {
                    if (running == mainTask) {
                        throw new KeyboardInterrupt();
                    }
                });
            }
        } catch (IllegalStateException loopClosed) {
            // the run ended as the signal came in
        }
    }

    private void cancelAllTasks() {
        List<Task<?>> toCancel = loop.tasks().all();
        if (toCancel.isEmpty()) {
            return;
        }
        toCancel.forEach(Task::cancel);
        loop.runUntilComplete(Gather.gatherReturningExceptions(toCancel));
        for (Task<?> task : toCancel) {
            if (!task.cancelled() && task.exception() != null) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("message", "unhandled exception during asyncio.run() shutdown");
                report.put("exception", task.exception());
                report.put("task", task);
                loop.callExceptionHandler(report);
            }
        }
    }
}

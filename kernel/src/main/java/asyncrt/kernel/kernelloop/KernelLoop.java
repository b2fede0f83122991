package asyncrt.kernel.kernelloop;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Instrument;
import asyncrt.events.KeyboardInterrupt;
import asyncrt.kernel.util.Log;
import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.SnippetRunner;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The kernel's event loop. Like ipykernel's asyncio loop it lives from the first cell to shutdown, on a thread
 * of its own, and turns all the time, whether a cell runs or not.
 *
 * <p>Every statement of every cell runs as a task of this loop, named after its cell ({@code In [5]}), in one
 * context that all cells share. So in any cell {@code createTask}, {@code getRunningLoop()}, queues and servers
 * simply work; a task that a cell created runs on while the kernel is idle; a context variable set in one cell
 * is seen in the next. A statement that awaits suspends its task, and the loop runs the others meanwhile; a
 * statement that blocks ({@code Thread.sleep}, a busy loop) blocks the loop, as it would in ipykernel.
 * {@code Asyncio.run(main())} in a cell runs a fresh loop nested on this thread, as in a script, while this one
 * waits ({@link EventLoop#setNestedRunAllowed}).
 *
 * <p>The thread is a virtual thread, so that the Stop button's interrupt also ends a blocked
 * {@code java.net.Socket} call in a cell.
 */
public final class KernelLoop {

    /** How long shutdown lets the loop's tasks run their clean-up after cancelling them. */
    private static final long SHUTDOWN_GRACE_MILLIS = 1500;

    /** The context every cell's statements run in; replaced by a copy only when a stuck statement keeps it entered. */
    private volatile Context cellContext = new Context();
    private volatile StepWatch steps = new StepWatch();
    private final UnawaitedCheck unawaited = new UnawaitedCheck(() -> cellContext);
    private volatile EventLoop loop;
    private volatile Thread thread;
    private volatile boolean closing;
    private volatile CellStatement statement;

    /** The statement of a cell now running on the loop, and how the cell's thread learns its outcome. */
    private static final class CellStatement {
        final String cell;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        /** Its task, once the loop has made it (with top-level await off there is none). */
        volatile Task<?> task;
        /** Whether the Stop button cancelled it at an await. */
        volatile boolean stopped;

        CellStatement(String cell) {
            this.cell = cell;
        }
    }

    /** Records which task's step is running, for the Stop button; clears a stale interrupt before each wait. */
    private static final class StepWatch implements Instrument {
        volatile Task<?> running;

        @Override
        public void beforeTaskStep(Task<?> task) {
            running = task;
        }

        @Override
        public void afterTaskStep(Task<?> task) {
            running = null;
        }

        @Override
        public void beforeIoWait(double timeout) {
            // A Stop meant for a cell that ended just before it arrived must not keep the selector from waiting.
            Thread.interrupted();
        }
    }

    /** The loop, if a cell has made it yet. */
    public Optional<EventLoop> ifMade() {
        return Optional.ofNullable(loop);
    }

    /** The loop, started on its thread on first use. */
    public synchronized EventLoop loop() {
        if (loop == null) {
            if (closing) {
                throw new IllegalStateException("the kernel is shutting down");
            }
            EventLoop made = EventLoop.newEventLoop();
            made.setNestedRunAllowed(true);
            steps = new StepWatch();
            made.instruments().add(steps);
            CountDownLatch running = new CountDownLatch(1);
            loop = made;
            thread = Thread.ofVirtual().name("kernel loop").start(() -> live(made, running));
            awaitUninterruptibly(running);
        }
        return loop;
    }

    /** Whether {@code made} is still the kernel's loop (not given up by {@link #abandonLoop}). */
    private boolean isCurrent(EventLoop made) {
        return loop == made;  // not synchronized: loop() holds the lock while this thread starts
    }

    /** The loop's thread's life: it runs until shutdown, and runs again after an interrupt escaped a step. */
    private void live(EventLoop made, CountDownLatch running) {
        EventLoop.setEventLoop(made);
        made.callSoon(running::countDown);
        while (!closing && isCurrent(made)) {
            try {
                made.runForever();
            } catch (Throwable escaped) {
                // A KeyboardInterrupt or JShell's stop, thrown through a step to end a cell: the cell learns of it
                // from its task, and the loop goes on with the other tasks.
                Log.debug("the kernel's loop goes on after " + escaped);
            }
        }
        made.close();
    }

    /**
     * Runs one statement of a cell as a task of the loop (or, with top-level await off, as a plain callback, where
     * {@code await} fails) and waits for it.
     *
     * @param cell    the cell's name, which the task takes
     * @param request the execute request whose output this is
     * @param where   where the statement starts in its cell
     * @param code    the statement
     * @param asTask  whether it runs as a task (top-level await on)
     * @return the statement's value
     */
    public Object run(String cell, Object request, CellPosition where, SnippetRunner.SnippetCode code, boolean asTask)
            throws Exception {
        EventLoop kernels = loop();
        CellStatement running = new CellStatement(cell);
        statement = running;
        unawaited.statementStarts(where);
        try {
            kernels.callSoonThreadsafe(() -> start(kernels, running, request, code, asTask));
            return outcome(running);
        } finally {
            statement = null;
            unawaited.statementEnds();
        }
    }

    private void start(EventLoop kernels, CellStatement running, Object request, SnippetRunner.SnippetCode code,
                       boolean asTask) {
        if (running.outcome.isDone()) {
            return;  // abandoned before it could start
        }
        try {
            schedule(kernels, running, request, code, asTask);
        } catch (RuntimeException e) {
            running.outcome.completeExceptionally(e);
        }
    }

    private void schedule(EventLoop kernels, CellStatement running, Object request, SnippetRunner.SnippetCode code,
                          boolean asTask) {
        Context cellContext = this.cellContext;
        CellOwner.set(cellContext, request);
        if (!asTask) {
            kernels.callSoon(() -> {
                try {
                    running.outcome.complete(code.call());
                } catch (Throwable e) {
                    running.outcome.completeExceptionally(e);
                }
            }, cellContext);
            return;
        }
        Coroutine<Object> body = Coroutine.of(code::call);
        body.setName(running.cell);
        Task<Object> task = kernels.createTask(body, running.cell, cellContext);
        running.task = task;
        task.addDoneCallback(new CellOutcome(running));
    }

    /**
     * The cell's task's done callback: hands the task's outcome to the shell thread, which replies to Jupyter.
     * Its name is what a task's repr shows among its callbacks, e.g. in a slow-callback report in debug mode.
     */
    private record CellOutcome(CellStatement running) implements Consumer<Future<Object>> {

        @Override
        public void accept(Future<Object> done) {
            if (done.cancelled() && running.stopped) {
                running.outcome.completeExceptionally(interrupt("the cell was stopped while it awaited; what it"
                        + " awaited was cancelled, and the kernel's loop goes on with its other tasks"));
            } else if (done.cancelled()) {
                running.outcome.completeExceptionally(new CancelledError());
            } else if (done.exception() != null) {
                running.outcome.completeExceptionally(done.exception());
            } else {
                running.outcome.complete(done.result());
            }
        }

        @Override
        public String toString() {
            return "reply to " + running.cell;
        }
    }

    /** Waits for a statement's outcome; the Stop button interrupts this thread too, so it is waited for regardless. */
    private static Object outcome(CellStatement running) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return running.outcome.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception thrown) {
                        throw thrown;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- what the Stop button needs to know and do --------------------------------------------------------

    /** Where the running cell's statement stands on the loop. */
    public enum CellState {
        /** No cell statement is running. */
        NONE,
        /** Its task is not running yet: another task or callback holds the loop. */
        WAITING_FOR_LOOP,
        /** Its code is on the loop's thread now (running, or blocked in a call). */
        ON_LOOP,
        /** Its task is suspended at an await; the loop runs other things. */
        SUSPENDED
    }

    /** Where the running cell's statement stands now. */
    public CellState cellState() {
        CellStatement running = statement;
        if (running == null || running.outcome.isDone()) {
            return CellState.NONE;
        }
        Task<?> task = running.task;
        Task<?> stepping = steps.running;
        if (task == null) {
            return stepping == null && isCellCodeOnLoopThread() ? CellState.ON_LOOP : CellState.WAITING_FOR_LOOP;
        }
        return stepping == task ? CellState.ON_LOOP : CellState.SUSPENDED;
    }

    /** With top-level await off a statement runs as a plain callback: is it on the loop's thread? */
    private boolean isCellCodeOnLoopThread() {
        Thread loopThread = thread;
        return loopThread != null && List.of(loopThread.getStackTrace()).stream()
                .anyMatch(frame -> frame.getClassName().startsWith("REPL."));
    }

    /** The task whose step holds the loop now, or null. */
    public Task<?> runningTask() {
        return steps.running;
    }

    /** The loop's thread, or null before the first cell. */
    public Thread thread() {
        return thread;
    }

    /** Cancels the running cell's task, as the Stop button does while the cell awaits; false when there is none. */
    public boolean cancelCell() {
        CellStatement running = statement;
        EventLoop kernels = loop;
        if (running == null || kernels == null || running.task == null) {
            return false;
        }
        Task<?> task = running.task;
        running.stopped = true;
        kernels.callSoonThreadsafe(() -> task.cancel());
        return true;
    }

    /**
     * Ends the running cell at once with a KeyboardInterrupt, without waiting for its task, which is cancelled and left
     * to finish its clean-up on the loop. The loop's other tasks go on.
     */
    public void abandonCell(String reason) {
        CellStatement running = statement;
        EventLoop kernels = loop;
        if (running == null) {
            return;
        }
        running.outcome.completeExceptionally(interrupt(reason));
        if (kernels != null) {
            kernels.callSoonThreadsafe(() -> {
                Task<?> task = running.task;
                if (task != null) {
                    task.cancel();
                }
            });
        }
    }

    /** Interrupts the loop's thread (a blocked sleep, wait or socket call in the code running on it). */
    public void interruptLoopThread() {
        Thread loopThread = thread();
        if (loopThread != null) {
            loopThread.interrupt();
        }
    }

    /**
     * Gives up the loop whose thread the running cell's code holds and does not give back: blocked entering a
     * monitor or taking a lock (a deadlock), which neither JShell's stop nor an interrupt reaches, and which a
     * JVM cannot force a thread out of. Later cells run on a fresh loop and thread; the old thread stays blocked,
     * with whatever locks it holds, and the tasks of the old loop stay with it (should the thread ever be freed,
     * it stops that loop).
     *
     * @return the names of the tasks left behind on the old loop
     */
    public synchronized List<String> abandonLoop() {
        EventLoop old = loop;
        if (old == null) {
            return List.of();
        }
        CellStatement running = statement;
        Task<?> own = running == null ? null : running.task;
        List<String> left = new java.util.ArrayList<>();
        try {
            for (Task<?> task : old.tasks().all()) {  // read from another thread: a best-effort list
                if (task != own) {
                    left.add(task.getName());
                }
            }
        } catch (RuntimeException changedMeanwhile) {
            Log.debug("listing the tasks of the abandoned loop: " + changedMeanwhile);
        }
        loop = null;
        thread = null;
        // The stuck statement's step keeps the cells' context entered for good: later cells get a copy of it.
        cellContext = cellContext.copy();
        try {
            old.callSoonThreadsafe(old::stop);
        } catch (IllegalStateException closed) {
            // nothing to stop
        }
        return left;
    }

    // ---- shutdown -----------------------------------------------------------------------------------------

    /**
     * Cancels every task of the loop, lets them run their {@code finally} blocks for a moment, then stops and
     * closes the loop: what a restart or a shutdown of the kernel does.
     */
    public void shutdown() {
        EventLoop kernels;
        Thread loopThread;
        synchronized (this) {
            closing = true;
            kernels = loop;
            loopThread = thread;
        }
        if (kernels == null) {
            return;
        }
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        try {
            kernels.callSoonThreadsafe(() -> {
                List<Task<?>> tasks = kernels.tasks().all();
                tasks.forEach(Task::cancel);
                waitUntilDone(kernels, tasks, cancelled);
            });
            cancelled.get(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warn("some of the kernel loop's tasks did not end within " + SHUTDOWN_GRACE_MILLIS + " ms of being cancelled");
        } catch (InterruptedException | ExecutionException | IllegalStateException e) {
            Log.debug("shutting the kernel's loop down: " + e);
        }
        try {
            kernels.callSoonThreadsafe(kernels::stop);
            loopThread.join(500);
        } catch (InterruptedException | IllegalStateException e) {
            Log.debug("stopping the kernel's loop: " + e);
        }
    }

    /** A KeyboardInterrupt for the cell; its stack would be the kernel's machinery, so it has none. */
    private static KeyboardInterrupt interrupt(String message) {
        KeyboardInterrupt interrupt = new KeyboardInterrupt(message);
        interrupt.setStackTrace(new StackTraceElement[0]);
        return interrupt;
    }

    private static void waitUntilDone(EventLoop kernels, List<Task<?>> tasks, CompletableFuture<Void> done) {
        if (tasks.stream().allMatch(Task::done)) {
            done.complete(null);
        } else {
            kernels.callLater(0.01, () -> waitUntilDone(kernels, tasks, done));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package asyncrt.kernel.shell;

import asyncrt.kernel.util.Log;
import asyncrt.events.EventLoop;
import asyncrt.events.LoopRegistry;
import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.kernelloop.KernelLoop;
import asyncrt.tasks.Task;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops running cells: on the Stop button ({@code interrupt_request}) and when a cell outlives the execution
 * timeout. How depends on where the cell stands on the kernel's loop ({@link KernelLoop.CellState}): code on the
 * loop's thread is stopped by JShell's stop check (busy loops) and an interrupt (sleeps, waits, socket calls); a
 * cell suspended at an await is cancelled there, or abandoned to finish its clean-up on the loop.
 */
public final class Interrupter implements AutoCloseable {

    /** A stop is repeated at this interval until the cell has ended (it may start compiling, or catch one). */
    private static final long RESTOP_MILLIS = 250;

    private final Supplier<JShellEvaluator> evaluator;
    private final AsyncioSignals signals = new AsyncioSignals();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("cell-stopper").unstarted(r));
    /**
     * How long a cell's code may ignore being stopped before the kernel gives it up: busy loops, sleeps, waits and
     * socket calls end within milliseconds of a stop, so a cell still running after this is blocked where no stop
     * reaches (a deadlock).
     */
    private static final long ABANDON_AFTER_MILLIS = 3000;
    /** How often, and how far apart, the first Stop looks again at a statement that has not started yet. */
    private static final int LOOKS_BEFORE_NOTICE = 5;
    private static final long LOOK_AGAIN_MILLIS = 100;
    /** How long after the first Stop delivered SIGINT a cell that has not ended gets a line saying why. */
    private static final long NOTICE_AFTER_MILLIS = 500;

    private final KernelLoop kernelLoop;
    private final long timeoutMillis;
    private boolean cellRunning;
    private boolean signalDelivered;
    private boolean noticeShown;
    private long generation;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> stopping;

    /**
     * @param evaluator     the evaluator whose cells to stop, or null while JShell is still starting
     * @param kernelLoop    the loop the cells run on
     * @param timeoutMillis stop a cell after this long; 0 for never
     */
    public Interrupter(Supplier<JShellEvaluator> evaluator, KernelLoop kernelLoop, long timeoutMillis) {
        this.evaluator = evaluator;
        this.kernelLoop = kernelLoop;
        this.timeoutMillis = timeoutMillis;
    }

    /** A cell starts running; arms the timeout. */
    synchronized void cellStarted() {
        long cell = ++generation;
        cellRunning = true;
        signalDelivered = false;
        noticeShown = false;
        JShellEvaluator ready = evaluator.get();
        if (ready != null) {
            ready.clearStop();
        }
        if (timeoutMillis > 0) {
            String reason = "the cell ran longer than the execution timeout of " + formatSeconds(timeoutMillis)
                    + " (ASYNCRT_KERNEL_TIMEOUT)";
            timeout = timer.schedule(() -> stopUntilEnded(cell, reason), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The cell ended; disarms the timeout and any stopping. */
    synchronized void cellEnded() {
        cellRunning = false;
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {timeout, stopping}) {
            if (task != null) {
                task.cancel(false);
            }
        }
        timeout = null;
        stopping = null;
    }

    /**
     * The Stop button. The first press is SIGINT, as Ctrl-C is in Python: a loop that handles SIGINT gets it
     * ({@code Asyncio.run} cancels its main task); a cell suspended at a top-level await is cancelled there; a cell
     * whose code holds the kernel's loop is stopped at once. When the first press cannot end the cell (a loop that
     * took SIGINT is blocked, or the kernel's loop is held by another task), one line in the cell says so, and the
     * second press ends the cell outright. Stop never touches the kernel loop's other tasks.
     */
    public synchronized void interrupt() {
        if (!cellRunning) {
            return;
        }
        if (signalDelivered || noticeShown) {
            stopUntilEnded(generation, "interrupted");
            return;
        }
        if (signals.deliverSigint()) {
            signalDelivered = true;
            Log.info("interrupt delivered to the running asyncio loop as SIGINT");
            long cell = generation;
            timer.schedule(() -> noticeIfStillRunning(cell), NOTICE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        firstStop(generation, 0);
    }

    /**
     * The first Stop of a cell that no SIGINT handler took, by where the cell stands on the kernel's loop. A
     * statement whose task has not run yet may only be about to start (handed to the loop a moment ago), so
     * that is looked at again a few times before the cell is said to wait for a loop another task holds.
     */
    private synchronized void firstStop(long cell, int looked) {
        if (generation != cell || !cellRunning || stopping != null || noticeShown) {
            return;
        }
        switch (kernelLoop.cellState()) {
            case SUSPENDED -> kernelLoop.cancelCell();
            case WAITING_FOR_LOOP -> {
                if (looked < LOOKS_BEFORE_NOTICE) {
                    timer.schedule(() -> firstStop(cell, looked + 1), LOOK_AGAIN_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    noticeShown = true;
                    System.err.println("The kernel's event loop is blocked" + blocker(false) + ", so this cell cannot"
                            + " start; press Stop again to stop it");
                }
            }
            default -> stopUntilEnded(cell, "interrupted");
        }
    }

    private synchronized void noticeIfStillRunning(long cell) {
        if (generation == cell && cellRunning && stopping == null) {
            noticeShown = true;
            System.err.println("SIGINT delivered to the loop, which is blocked" + blocker(true)
                    + "; press Stop again to end the cell");
        }
    }

    /**
     * " in Task 'main' at In [3], line 2": the task that holds the loop running on the kernel loop's thread now, and
     * where the cell stands (the statement it is running; a frame inside a running coroutine cannot be seen from
     * another thread).
     */
    private String blocker(boolean inCell) {
        Thread loopThread = kernelLoop.thread();
        if (loopThread == null) {
            return "";
        }
        StringBuilder where = new StringBuilder();
        Task<?> task = kernelLoop.runningTask();
        for (EventLoop loop : LoopRegistry.openLoops()) {
            // A loop Asyncio.run made inside the cell runs nested on the same thread: its task is the one that holds it.
            Task<?> current = loop.thread() == loopThread ? loop.tasks().current() : null;
            if (current != null && loop != kernelLoop.ifMade().orElse(null)) {
                task = current;
            }
        }
        if (task != null) {
            where.append(" in Task '").append(task.getName()).append("'");
        }
        JShellEvaluator jshell = evaluator.get();
        CellPosition statement = jshell == null ? null : jshell.runningStatement();
        if (inCell && statement != null) {
            where.append(" at ").append(statement.cell()).append(", line ").append(statement.line());
        }
        return where.toString();
    }

    /** Stops a cell, again and again until it has ended. */
    private synchronized void stopUntilEnded(long cell, String reason) {
        if (generation != cell || !cellRunning || stopping != null) {
            return;
        }
        Log.info("stopping the running cell: " + reason);
        long since = System.nanoTime();
        stopping = timer.scheduleWithFixedDelay(() -> {
            JShellEvaluator jshell = evaluator.get();
            synchronized (this) {
                if (generation != cell || !cellRunning) {
                    return;
                }
                KernelLoop.CellState state = kernelLoop.cellState();
                if (state != KernelLoop.CellState.SUSPENDED && System.nanoTime() - since > ABANDON_AFTER_MILLIS * 1_000_000) {
                    giveUp(jshell);
                    return;
                }
                if (state == KernelLoop.CellState.SUSPENDED) {
                    // Its code is not running: end the cell now, and let its cancelled task clean up on the loop.
                    kernelLoop.abandonCell(reason);
                    return;
                }
                if (jshell != null) {
                    jshell.stop(reason);
                }
                if (state != KernelLoop.CellState.NONE) {
                    kernelLoop.interruptLoopThread();
                }
                if (state == KernelLoop.CellState.WAITING_FOR_LOOP) {
                    kernelLoop.abandonCell(reason);
                }
                // A loop waiting in asyncrt's own code (a sleeping coroutine) sees no stop check; SIGINT
                // makes Asyncio.run end its main task.
                signals.deliverSigint();
            }
        }, 0, RESTOP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Gives the stuck cell and the loop thread it holds up: the cell ends with an error that says what happened,
     * later cells run on a fresh loop.
     */
    private void giveUp(JShellEvaluator jshell) {
        String where = blocker(true);
        List<String> left = kernelLoop.abandonLoop();
        String message = StuckCell.message(ABANDON_AFTER_MILLIS / 1000, where, left, jshell);
        Log.warn("gave up a cell that did not end after Stop, and the loop thread it holds");
        if (jshell != null) {
            jshell.stop(message);  // the cell's error, in place of the plain stop's
        }
        kernelLoop.abandonCell(message);
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

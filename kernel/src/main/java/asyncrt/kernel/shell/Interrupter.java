package asyncrt.kernel.shell;

import asyncrt.kernel.Log;
import asyncrt.kernel.execution.JShellEvaluator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops running cells: on the Stop button ({@code interrupt_request}) and when a cell outlives the execution
 * timeout. As in Python, the first interrupt of a cell that is inside {@code Asyncio.run} goes to the asyncio
 * loop as SIGINT (its handler runs, or the main task is cancelled), and a second one stops the cell outright;
 * any other cell is stopped at once: JShell's stop check ends busy loops and blocked sleeps and waits are
 * interrupted.
 */
public final class Interrupter implements AutoCloseable {

    /** A stop is repeated at this interval until the cell has ended (it may start compiling, or catch one). */
    private static final long RESTOP_MILLIS = 250;

    private final Supplier<JShellEvaluator> evaluator;
    private final AsyncioSignals signals = new AsyncioSignals();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("cell-stopper").unstarted(r));
    private final long timeoutMillis;
    private boolean cellRunning;
    private boolean signalDelivered;
    private long generation;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> stopping;

    /**
     * @param evaluator     the evaluator whose cells to stop, or null while JShell is still starting
     * @param timeoutMillis stop a cell after this long; 0 for never
     */
    public Interrupter(Supplier<JShellEvaluator> evaluator, long timeoutMillis) {
        this.evaluator = evaluator;
        this.timeoutMillis = timeoutMillis;
    }

    /** A cell starts running; arms the timeout. */
    synchronized void cellStarted() {
        long cell = ++generation;
        cellRunning = true;
        signalDelivered = false;
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

    /** The Stop button. */
    public synchronized void interrupt() {
        if (!cellRunning) {
            return;
        }
        if (!signalDelivered && signals.deliverSigint()) {
            signalDelivered = true;
            Log.info("interrupt delivered to the running asyncio loop as SIGINT");
            return;
        }
        stopUntilEnded(generation, "interrupted");
    }

    /** Stops a cell, again and again until it has ended. */
    private synchronized void stopUntilEnded(long cell, String reason) {
        if (generation != cell || !cellRunning || stopping != null) {
            return;
        }
        Log.info("stopping the running cell: " + reason);
        stopping = timer.scheduleWithFixedDelay(() -> {
            JShellEvaluator jshell = evaluator.get();
            synchronized (this) {
                if (jshell != null && generation == cell && cellRunning) {
                    jshell.stop(reason);
                    // A loop waiting in asyncrt's own code (a sleeping coroutine) sees no stop check; SIGINT
                    // makes Asyncio.run end its main task.
                    signals.deliverSigint();
                }
            }
        }, 0, RESTOP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

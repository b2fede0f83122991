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

    private final Supplier<JShellEvaluator> evaluator;
    private final AsyncioSignals signals = new AsyncioSignals();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("cell-timeout").unstarted(r));
    private final long timeoutMillis;
    private volatile boolean cellRunning;
    private volatile boolean signalDelivered;
    private ScheduledFuture<?> timeout;

    /**
     * @param evaluator     the evaluator whose cells to stop, once it exists
     * @param timeoutMillis stop a cell after this long; 0 for never
     */
    public Interrupter(Supplier<JShellEvaluator> evaluator, long timeoutMillis) {
        this.evaluator = evaluator;
        this.timeoutMillis = timeoutMillis;
    }

    /** A cell starts running; arms the timeout. */
    synchronized void cellStarted() {
        cellRunning = true;
        signalDelivered = false;
        if (timeoutMillis > 0) {
            timeout = timer.schedule(() -> stop("the cell ran longer than the execution timeout of "
                    + formatSeconds(timeoutMillis) + " (ASYNCRT_KERNEL_TIMEOUT)"), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The cell ended; disarms the timeout. */
    synchronized void cellEnded() {
        cellRunning = false;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /** The Stop button. */
    public void interrupt() {
        if (!cellRunning) {
            return;
        }
        if (!signalDelivered && signals.deliverSigint()) {
            signalDelivered = true;
            Log.info("interrupt delivered to the running asyncio loop as SIGINT");
            return;
        }
        stop("interrupted");
    }

    private void stop(String reason) {
        JShellEvaluator current = evaluator.get();
        if (current != null && cellRunning) {
            Log.info("stopping the running cell: " + reason);
            current.stop(reason);
        }
    }

    private static String formatSeconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

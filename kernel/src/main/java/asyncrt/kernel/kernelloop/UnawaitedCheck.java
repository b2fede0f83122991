package asyncrt.kernel.kernelloop;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.coroutines.UnawaitedSites;
import asyncrt.kernel.execution.failures.CellPosition;
import java.util.function.Supplier;

/**
 * Reports a coroutine that a cell made and dropped without awaiting it (almost always a forgotten
 * {@code await}) at the end of that very statement, naming the cell and line, as Python's
 * {@code In [3], line 2: RuntimeWarning: coroutine 'f' was never awaited}. asyncrt reports such a coroutine
 * when the garbage collector finds it; when a statement leaves unstarted coroutines behind, this collects
 * garbage at its end and waits a moment for the reports. A coroutine kept in a variable is not garbage, so it
 * is reported only once it is dropped, as in Python.
 */
final class UnawaitedCheck implements UnawaitedSites {

    /** How long the end of a statement waits for the reports of the coroutines it dropped. */
    private static final long REPORT_WAIT_MILLIS = 200;

    private final Supplier<Context> cellContext;
    private volatile CellPosition statement;
    private int unstarted;
    private long reported;

    /** @param cellContext the context cells' statements run in */
    UnawaitedCheck(Supplier<Context> cellContext) {
        this.cellContext = cellContext;
        Coroutine.watchUnawaited(this);
    }

    /** A statement of a cell starts, at {@code where}. */
    void statementStarts(CellPosition where) {
        statement = where;
        synchronized (this) {
            unstarted = 0;
        }
    }

    @Override
    public String siteOf(Context context) {
        CellPosition where = statement;
        if (context != cellContext.get() || where == null) {
            return null;  // a task's coroutine: no cell line to name
        }
        synchronized (this) {
            unstarted++;
        }
        return where.cell() + ", line " + where.line();
    }

    @Override
    public synchronized void reported() {
        reported++;
        notifyAll();
    }

    /** At the end of a statement: if it left coroutines unstarted, finds out now which of them were dropped. */
    void statementEnds() {
        long before;
        int left;
        synchronized (this) {
            before = reported;
            left = unstarted;
            unstarted = 0;
        }
        statement = null;
        if (left == 0) {
            return;
        }
        System.gc();
        long deadline = System.nanoTime() + REPORT_WAIT_MILLIS * 1_000_000;
        synchronized (this) {
            while (reported - before < left && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

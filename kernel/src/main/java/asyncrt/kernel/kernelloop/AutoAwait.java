package asyncrt.kernel.kernelloop;

import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.SnippetRunner;
import java.util.function.Supplier;

/**
 * How cells meet the kernel's loop ({@link KernelLoop}): each statement runs on it, as a task while top-level
 * await is on (IPython's autoawait), so that a cell may {@code await(...)} among its own statements; as a plain
 * callback when it is off ({@code %autoawait off}), where {@code await} outside a coroutine is an error, as in
 * plain Java.
 */
public final class AutoAwait {

    private final KernelLoop loop = new KernelLoop();
    private final Supplier<Object> currentRequest;
    private volatile boolean enabled = true;

    /** @param currentRequest the execute request running now, whose cell owns the output of what it starts */
    public AutoAwait(Supplier<Object> currentRequest) {
        this.currentRequest = currentRequest;
    }

    /** The kernel's loop. */
    public KernelLoop loop() {
        return loop;
    }

    /** Whether top-level await is on. */
    public boolean enabled() {
        return enabled;
    }

    /** Switches top-level await on or off. */
    public void enable(boolean on) {
        enabled = on;
    }

    /**
     * Runs the snippets of a cell on the kernel's loop.
     *
     * @param cell  the cell's name, e.g. {@code In [5]}, which its statements' tasks take
     * @param where where the statement about to run starts in the cell
     */
    public SnippetRunner runnerFor(String cell, Supplier<CellPosition> where) {
        Object request = currentRequest.get();
        boolean asTasks = enabled;
        return snippet -> loop.run(cell, request, where.get(), snippet, asTasks);
    }
}

package asyncrt.kernel.execution;

/**
 * Runs the compiled code of each snippet of a cell. Ordinarily JShell calls it directly; a cell with
 * top-level {@code await} has each statement run as a task on the kernel's event loop instead. The runner
 * is called on the snippet's own thread, so the Stop button reaches whatever it does there.
 */
@FunctionalInterface
public interface SnippetRunner {

    /** A snippet's code, ready to call; returns the snippet's value. */
    @FunctionalInterface
    interface SnippetCode {
        /** Runs the snippet; throws what it throws, unwrapped. */
        Object call() throws Exception;
    }

    /**
     * Runs a snippet.
     *
     * @param code the snippet's code
     * @return what {@code code} returned
     * @throws Exception what {@code code} threw (an {@link Error} it threw propagates as itself)
     */
    Object run(SnippetCode code) throws Exception;
}

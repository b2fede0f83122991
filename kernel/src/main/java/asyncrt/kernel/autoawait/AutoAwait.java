package asyncrt.kernel.autoawait;

import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.execution.SnippetRunner;
import java.util.Optional;

/**
 * Top-level await, as IPython's autoawait: a cell whose own statements call {@code await(...)} runs on the
 * {@link KernelLoop}. It can be switched off ({@code %autoawait off}); then such a cell runs as plain Java,
 * where {@code await} outside a coroutine is an error.
 */
public final class AutoAwait {

    private final KernelLoop loop = new KernelLoop();
    private volatile boolean enabled = true;

    /** The loop cells await on. */
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
     * How to run the snippets of some cell code: on the kernel's loop when it is on and the code awaits at top
     * level; empty for JShell's usual way.
     *
     * @param code  the code
     * @param cell  the cell's name, e.g. {@code In [5]}
     * @param jshell cuts the code into snippets
     */
    public Optional<SnippetRunner> runnerFor(String code, String cell, JShellEvaluator jshell) {
        if (!enabled || !code.contains("await") || !TopLevelAwaits.anyIn(jshell.snippets(code))) {
            return Optional.empty();
        }
        return Optional.of(snippet -> loop.run(cell, snippet));
    }
}

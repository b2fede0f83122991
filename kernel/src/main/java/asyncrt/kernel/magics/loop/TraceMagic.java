package asyncrt.kernel.magics.loop;

import asyncrt.introspect.Tracer;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** {@code %trace on|off}: a {@link Tracer} on every loop, printing each event into the output of the cell that runs it. */
final class TraceMagic {

    private final ShownLoops loops;
    private LoopWatch tracing;

    TraceMagic(ShownLoops loops) {
        this.loops = loops;
    }

    void register(MagicRegistry registry) {
        registry.line("trace", """
                %trace on|off
                With it on, every event loop prints what it does as it does it, into the output of the cell that runs
                it, in the spirit of the tracer in Trio's tutorial: a task spawned, scheduled, about to run a step,
                its step finished, what it waits on, exited; the loop waiting for I/O for up to so many seconds, and
                how long it took. Every loop: those open now and every one made later (as by Asyncio.run), until
                %trace off. The kernel's own loop waiting idle between cells (for I/O with no deadline) is left
                out. Without an argument, says whether it is on.""", this::trace);
    }

    private synchronized Optional<Value> trace(String args, MagicContext context) throws MagicException {
        switch (args.strip()) {
            case "on" -> {
                if (tracing == null) {
                    tracing = new LoopWatch(loop -> new LoopTracer(() -> loops.isKernels(loop)));
                }
                System.out.println("%trace is on: every loop prints its events (%trace off stops it)");
            }
            case "off" -> {
                if (tracing != null) {
                    tracing.close();
                    tracing = null;
                }
                System.out.println("%trace is off");
            }
            case "" -> System.out.println("%trace is " + (tracing == null ? "off" : "on"));
            default -> throw new MagicException("%trace takes on or off, not '" + args.strip() + "'");
        }
        return Optional.empty();
    }

    /**
     * A {@link Tracer} for one loop, attached at any moment: a wait for I/O that began before it was attached is
     * not reported as finished (its start is unknown), and on the kernel's loop the idle waits between cells (no
     * deadline: nothing to do until a cell or another thread brings work) are left out, as they say nothing about
     * the cell's code.
     */
    static final class LoopTracer extends Tracer {
        /** Whether the loop is the kernel's: asked at each wait, as a loop may be attached before the kernel knows it as its own. */
        private final BooleanSupplier kernels;
        private boolean waitShown;

        LoopTracer(BooleanSupplier kernels) {
            this.kernels = kernels;
        }

        @Override
        public void beforeIoWait(double timeout) {
            waitShown = !(Double.isInfinite(timeout) && kernels.getAsBoolean());
            if (waitShown) {
                super.beforeIoWait(timeout);
            }
        }

        @Override
        public void afterIoWait(double timeout) {
            if (waitShown) {
                super.afterIoWait(timeout);
            }
            waitShown = false;
        }
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.events.LoopRegistry;
import asyncrt.kernel.kernelloop.KernelLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which event loops the loop magics show, found in asyncrt's {@link LoopRegistry} of open loops: first the
 * loops running now (the one running the current cell, under {@code %%live}, or one a cell started in a
 * thread of its own), then the kernel's own loop for top-level await, then any other loop that is open (made
 * with {@code newEventLoop()} and not closed yet). A loop {@code Asyncio.run} made is closed when the call
 * returns, so between cells it is gone; the kernel's loop stays, with the tasks and timers left on it.
 */
final class ShownLoops {

    /**
     * A loop and what to call it.
     *
     * @param loop  the loop
     * @param title e.g. {@code the kernel's loop (top-level await)} or {@code event loop 7}
     */
    record Shown(EventLoop loop, String title) {
    }

    private final KernelLoop kernelLoop;

    ShownLoops(KernelLoop kernelLoop) {
        this.kernelLoop = kernelLoop;
    }

    /** The loops to show now, in that order; empty when no loop is open. */
    List<Shown> now() {
        Optional<EventLoop> kernels = kernelLoop.ifMade().filter(loop -> !loop.isClosed());
        List<EventLoop> open = LoopRegistry.openLoops();
        List<Shown> shown = new ArrayList<>();
        open.stream().filter(EventLoop::isRunning).forEach(loop -> shown.add(describe(loop)));
        kernels.filter(loop -> !loop.isRunning()).ifPresent(loop -> shown.add(describe(loop)));
        open.stream().filter(loop -> !loop.isRunning() && kernels.map(k -> k != loop).orElse(true))
                .forEach(loop -> shown.add(describe(loop)));
        return shown;
    }

    /** Whether this is the kernel's own loop. */
    boolean isKernels(EventLoop loop) {
        return kernelLoop.ifMade().map(k -> k == loop).orElse(false);
    }

    private Shown describe(EventLoop loop) {
        if (isKernels(loop)) {
            return new Shown(loop, "the kernel's loop (top-level await)");
        }
        Thread thread = loop.thread();
        return new Shown(loop, "event loop " + LoopRegistry.number(loop) + (thread == null ? "" : " (running in thread '" + thread.getName() + "')"));
    }

    /** What to say when there is no loop to show. */
    static String noneOpen(String magic) {
        return magic + ": no event loop is open now. Asyncio.run(...) makes a loop for the length of the call and"
                + " closes it; a cell that awaits at top level (await(...) among its own statements) makes the"
                + " kernel's loop, which stays from cell to cell. Inside %%live or %%timeline the loop running the"
                + " cell is shown while it runs.";
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.events.LoopRegistry;
import asyncrt.kernel.kernelloop.KernelLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Which event loops the loop magics show, found in asyncrt's {@link LoopRegistry} of open loops: first the
 * kernel's own loop, which runs every cell's statements and lives from cell to cell (made now if no cell has
 * made it yet), then any other loop running now (one {@code Asyncio.run} made inside a cell, seen from
 * {@code %%live}, or one a cell started in a thread of its own), then any other loop that is open (made with
 * {@code newEventLoop()} and not closed yet). A loop {@code Asyncio.run} made is closed when the call returns.
 */
final class ShownLoops {

    /**
     * A loop and what to call it.
     *
     * @param loop  the loop
     * @param title e.g. {@code the kernel's loop} or {@code event loop 7}
     */
    record Shown(EventLoop loop, String title) {
    }

    private final KernelLoop kernelLoop;

    ShownLoops(KernelLoop kernelLoop) {
        this.kernelLoop = kernelLoop;
    }

    /** The loops to show now, in that order; the kernel's loop is always among them. */
    List<Shown> now() {
        EventLoop kernels = kernelLoop.loop();
        List<Shown> shown = new ArrayList<>();
        shown.add(describe(kernels));
        List<EventLoop> others = LoopRegistry.openLoops().stream().filter(loop -> loop != kernels).toList();
        others.stream().filter(EventLoop::isRunning).forEach(loop -> shown.add(describe(loop)));
        others.stream().filter(loop -> !loop.isRunning()).forEach(loop -> shown.add(describe(loop)));
        return shown;
    }

    /** Whether this is the kernel's own loop. */
    boolean isKernels(EventLoop loop) {
        return kernelLoop.ifMade().map(k -> k == loop).orElse(false);
    }

    private Shown describe(EventLoop loop) {
        if (isKernels(loop)) {
            return new Shown(loop, "the kernel's loop");
        }
        Thread thread = loop.thread();
        return new Shown(loop, "event loop " + LoopRegistry.number(loop) + (thread == null ? "" : " (running in thread '" + thread.getName() + "')"));
    }

}

package asyncrt.kernel.magics.loop;

import asyncrt.kernel.kernelloop.AutoAwait;
import asyncrt.kernel.magics.MagicRegistry;

/**
 * The magics that let a learner see the event loop: {@code %loop}, {@code %tasks}, {@code %where},
 * {@code %cancel}, {@code %%timeline}, {@code %%live}, {@code %trace}, {@code %asyncio} and {@code %autoawait}.
 * They find the loops to show in asyncrt's registry of open loops (see {@link ShownLoops}).
 */
public final class LoopMagics {

    private LoopMagics() {
    }

    /** Registers them; {@code autoAwait} holds the kernel's loop, which they show too. */
    public static void register(MagicRegistry registry, AutoAwait autoAwait) {
        ShownLoops loops = new ShownLoops(autoAwait.loop());
        new LoopStateMagics(loops).register(registry);
        TimelineMagic.register(registry, loops);
        new LiveMagic(loops).register(registry);
        new TraceMagic(loops).register(registry);
        new AsyncioMagic().register(registry);
        AutoawaitMagic.register(registry, autoAwait);
    }
}

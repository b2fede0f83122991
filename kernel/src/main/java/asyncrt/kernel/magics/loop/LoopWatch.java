package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.events.Instrument;
import asyncrt.events.LoopRegistry;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Attaches an instrument to every loop that may run while it is open: the loops open when it starts (the
 * kernel's loop among them) and every loop made after (the one {@code Asyncio.run} makes inside a cell). Closing
 * it detaches them all. Loops are held weakly: a long-lived watch ({@code %trace on}) keeps no loop alive.
 */
final class LoopWatch implements AutoCloseable {

    private final Function<EventLoop, Instrument> instrumentFor;
    private final Map<EventLoop, Instrument> attached = new WeakHashMap<>();
    private final LoopRegistry.Listener listener;

    /** @param instrumentFor the instrument to attach to a loop (the same one for every loop, or one each) */
    LoopWatch(Function<EventLoop, Instrument> instrumentFor) {
        this.instrumentFor = instrumentFor;
        listener = LoopRegistry.onNewLoop(this::attach);
        LoopRegistry.openLoops().forEach(this::attach);
    }

    /** The loops watched that are still open, oldest first. */
    synchronized List<EventLoop> loops() {
        return LoopRegistry.openLoops().stream().filter(attached::containsKey).toList();
    }

    private synchronized void attach(EventLoop loop) {
        if (!attached.containsKey(loop)) {
            Instrument instrument = instrumentFor.apply(loop);
            attached.put(loop, instrument);
            loop.instruments().add(instrument);
        }
    }

    @Override
    public synchronized void close() {
        listener.close();
        attached.forEach((loop, instrument) -> loop.instruments().remove(instrument));
        attached.clear();
    }
}

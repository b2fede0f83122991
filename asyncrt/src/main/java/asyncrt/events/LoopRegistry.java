package asyncrt.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The event loops of this JVM that are open (created and not yet closed), for tools that look at
 * loops they did not create: a debugger, a monitor, the Jupyter kernel's {@code %loop}. Loops are
 * held weakly, so one that is dropped without {@code close()} disappears once it is garbage.
 *
 * <p>A listener added with {@link #onNewLoop} hears of every loop created from then on, on the
 * creating thread, before the loop can have run anything: the place to attach an
 * {@link Instrument} or to set debug mode for loops that some other code will create (for
 * example the one {@code Asyncio.run} makes).
 */
public final class LoopRegistry {
    private static final Map<EventLoop, Long> OPEN = new WeakHashMap<>();
    private static final List<Consumer<EventLoop>> LISTENERS = new CopyOnWriteArrayList<>();
    private static long created;

    private LoopRegistry() {}

    /** A listener added with {@link #onNewLoop}; {@link #close()} removes it. */
    public static final class Listener implements AutoCloseable {
        private final Consumer<EventLoop> callback;

        private Listener(Consumer<EventLoop> callback) {
            this.callback = callback;
        }

        /** Stops hearing of new loops (harmless if already removed). */
        @Override
        public void close() {
            LISTENERS.remove(callback);
        }
    }

    /** The loops that are open now, oldest first. */
    public static List<EventLoop> openLoops() {
        List<Map.Entry<EventLoop, Long>> entries;
        synchronized (OPEN) {
            entries = new ArrayList<>(OPEN.entrySet());
        }
        return entries.stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).map(Map.Entry::getKey).toList();
    }

    /**
     * The number of loops created in this JVM before {@code loop} (0 for the first), a number to
     * name it by; -1 once it is closed.
     */
    public static long number(EventLoop loop) {
        synchronized (OPEN) {
            Long number = OPEN.get(loop);
            return number == null ? -1 : number;
        }
    }

    /**
     * Calls {@code callback} with every loop created from now on, on the creating thread, at the
     * end of {@code EventLoop}'s constructor (before a subclass's constructor body runs). A callback
     * that throws does not stop the loop from being created: the error goes to standard error.
     */
    public static Listener onNewLoop(Consumer<EventLoop> callback) {
        LISTENERS.add(callback);
        return new Listener(callback);
    }

    static void opened(EventLoop loop) {
        synchronized (OPEN) {
            OPEN.put(loop, created++);
        }
        for (Consumer<EventLoop> listener : LISTENERS) {
            try {
                listener.accept(loop);
            } catch (RuntimeException e) {
                System.err.println("LoopRegistry: a new-loop listener failed: " + e);
            }
        }
    }

    static void closed(EventLoop loop) {
        synchronized (OPEN) {
            OPEN.remove(loop);
        }
    }
}

package asyncrt.coroutines;

import java.lang.System.Logger.Level;

/**
 * How coroutines suspend: on the JDK's continuations (fast, needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}) or, where that export is
 * missing, on virtual threads handing a baton back and forth. The choice is made once per JVM
 * and reported once through {@link System.Logger}; the system property
 * {@code asyncrt.backend=continuation|virtual-thread} forces it.
 */
public enum Backend {
    /**
     * {@code jdk.internal.vm.Continuation}: the body's frames move between the thread's stack and the heap.
     *
     * @implNote About 100 ns per suspend and resume.
     */
    CONTINUATION("continuation"),
    /**
     * A virtual thread per coroutine, handing a baton back and forth with the thread that drives it.
     *
     * @implNote A few microseconds per suspend and resume.
     */
    VIRTUAL_THREAD("virtual-thread");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** The name used by the {@code asyncrt.backend} system property. */
    public String id() {
        return id;
    }

    /** The backend this JVM uses. */
    public static Backend active() {
        return Chosen.BACKEND;
    }

    /** Whether the JDK's continuations are exported to asyncrt. */
    public static boolean continuationsAvailable() {
        return Object.class.getModule().isExported("jdk.internal.vm", Backend.class.getModule());
    }

    /** An engine for a coroutine about to start: it runs {@link Coroutine#runResumedBody()}. */
    Engine newEngine() {
        return this == CONTINUATION ? new ContinuationEngine() : new VirtualThreadEngine();
    }

    private static final class Chosen {
        static final Backend BACKEND = choose();

        private static Backend choose() {
            System.Logger log = System.getLogger("asyncrt");
            String forced = System.getProperty("asyncrt.backend");
            if (forced != null) {
                for (Backend b : values()) {
                    if (b.id.equals(forced) && (b == VIRTUAL_THREAD || continuationsAvailable())) {
                        log.log(Level.INFO, "asyncrt: coroutines run on the {0} backend (asyncrt.backend={1})", b.id, forced);
                        return b;
                    }
                }
                log.log(Level.WARNING, "asyncrt: ignoring asyncrt.backend={0}: expected continuation (with the export) or virtual-thread", forced);
            }
            if (continuationsAvailable()) {
                log.log(Level.INFO, "asyncrt: coroutines run on the continuation backend (jdk.internal.vm.Continuation)");
                return CONTINUATION;
            }
            log.log(Level.WARNING, "asyncrt: coroutines run on the virtual-thread backend, which is slower; for the fast path"
                    + " start java with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
            return VIRTUAL_THREAD;
        }
    }
}

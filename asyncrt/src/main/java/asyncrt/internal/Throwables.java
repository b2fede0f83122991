package asyncrt.internal;

/** Rethrowing any throwable as itself: {@code await} rethrows the awaited exception as the same object, checked or not. */
public final class Throwables {
    private Throwables() {}

    /** Throws {@code t} unchanged; declared to return so callers can write {@code throw Throwables.rethrow(t)}. */
    public static RuntimeException rethrow(Throwable t) {
        throw Throwables.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Whether {@code t} must escape the event loop instead of becoming a task's or a callback's
     * failure: asyncrt's {@code KeyboardInterrupt} and the {@code ThreadDeath} with which JShell
     * stops a running cell (CPython lets KeyboardInterrupt and SystemExit through the same way).
     */
    @SuppressWarnings("removal")
    public static boolean escapesLoop(Throwable t) {
        return t instanceof asyncrt.events.KeyboardInterrupt || t instanceof ThreadDeath;
    }
}

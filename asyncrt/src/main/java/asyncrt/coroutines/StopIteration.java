package asyncrt.coroutines;

/**
 * Thrown by {@link Coroutine#send} when the coroutine returns: Python's {@code StopIteration},
 * whose {@link #value()} is the coroutine's return value. Only code that drives a coroutine by
 * hand sees it (the event loop from scratch of section 14); tasks and {@code await} never do.
 */
public final class StopIteration extends RuntimeException {
    private final transient Object value;

    public StopIteration(Object value) {
        super(null, null, false, false);
        this.value = value;
    }

    /** The coroutine's return value. */
    public Object value() {
        return value;
    }

    @Override
    public String getMessage() {
        return String.valueOf(value);
    }
}

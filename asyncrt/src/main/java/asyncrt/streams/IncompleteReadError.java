package asyncrt.streams;

/**
 * The stream ended before the expected bytes arrived: Python's {@code asyncio.IncompleteReadError},
 * thrown by {@link StreamReader#readexactly} and {@link StreamReader#readuntil}. {@link #partial()}
 * holds what did arrive.
 */
public class IncompleteReadError extends RuntimeException {
    private final byte[] partial;
    private final Integer expected;

    /** {@code expected} is null when the stream ended before a separator ({@code readuntil}). */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "None" : expected) + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes were expected, or null when a separator was. */
    public Integer expected() {
        return expected;
    }
}

package asyncrt.streams;

/**
 * The separator was not found within the reader's limit: Python's {@code asyncio.LimitOverrunError},
 * thrown by {@link StreamReader#readuntil}. The bytes stay in the buffer; {@link #consumed()} says
 * how many could be consumed (read them with {@code readexactly}, or raise the limit with
 * {@code new StreamReader(limit)} / the {@code limit} argument of {@code startServer} and
 * {@code openConnection}).
 */
public class LimitOverrunError extends RuntimeException {
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** The number of bytes to be consumed. */
    public int consumed() {
        return consumed;
    }
}

package asyncrt.tasks;

/**
 * A future was asked for something its state does not allow — its result while pending, a
 * second result once done: Python's {@code asyncio.InvalidStateError}.
 */
public class InvalidStateError extends IllegalStateException {
    public InvalidStateError(String message) {
        super(message);
    }
}

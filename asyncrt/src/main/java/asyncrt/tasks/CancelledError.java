package asyncrt.tasks;

/**
 * Thrown at the {@code await} of a cancelled task, and by {@code result()} of a cancelled
 * future: Python's {@code asyncio.CancelledError}. Like Python's (a BaseException since 3.8),
 * it is an {@link Error}, so that {@code catch (Exception e)} does not swallow a cancellation;
 * catch it explicitly to clean up, then rethrow it.
 */
public class CancelledError extends Error {
    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }
}

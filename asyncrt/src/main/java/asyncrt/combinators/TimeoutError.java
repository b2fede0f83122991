package asyncrt.combinators;

/**
 * An operation took longer than its deadline: Python's {@code TimeoutError} as raised by
 * {@code asyncio.wait_for} and {@code asyncio.timeout}. An ordinary exception (not a
 * cancellation), so {@code catch (Exception e)} sees it, as {@code except Exception} does in Python.
 */
public class TimeoutError extends RuntimeException {
    public TimeoutError() {
        super();
    }

    public TimeoutError(Throwable cause) {
        super(null, cause);
    }
}

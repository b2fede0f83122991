package asyncrt.sockets;

/** Writing to a connection whose peer has closed it: Python's {@code BrokenPipeError}. */
public class BrokenPipeError extends ConnectionError {
    public BrokenPipeError(String message) {
        super(message);
    }

    public BrokenPipeError(String message, Throwable cause) {
        super(message, cause);
    }
}

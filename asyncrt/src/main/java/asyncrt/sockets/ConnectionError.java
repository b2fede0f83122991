package asyncrt.sockets;

/** A connection-related failure: Python's {@code ConnectionError}. */
public class ConnectionError extends OSError {
    public ConnectionError(String message) {
        super(message);
    }

    public ConnectionError(String message, Throwable cause) {
        super(message, cause);
    }
}

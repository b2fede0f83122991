package asyncrt.sockets;

/** Nobody listens at the address connected to: Python's {@code ConnectionRefusedError}. */
public class ConnectionRefusedError extends ConnectionError {
    public ConnectionRefusedError(String message) {
        super(message);
    }

    public ConnectionRefusedError(String message, Throwable cause) {
        super(message, cause);
    }
}

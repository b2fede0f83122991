package asyncrt.sockets;

/** The peer dropped the connection, or it was lost: Python's {@code ConnectionResetError}. */
public class ConnectionResetError extends ConnectionError {
    public ConnectionResetError(String message) {
        super(message);
    }

    public ConnectionResetError(String message, Throwable cause) {
        super(message, cause);
    }
}

package asyncrt.sockets;

/**
 * A socket operation failed: Python's {@code OSError}, the base of the connection errors below.
 * Unchecked, so that it can be caught around an {@code await} (Java refuses a
 * {@code catch (IOException e)} around code that does not declare it); the JDK's own
 * {@link java.io.IOException}, when there is one, is the cause.
 */
public class OSError extends RuntimeException {
    public OSError(String message) {
        super(message);
    }

    public OSError(String message, Throwable cause) {
        super(message, cause);
    }
}

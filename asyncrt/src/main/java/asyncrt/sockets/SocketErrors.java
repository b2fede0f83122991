package asyncrt.sockets;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * Turns the JDK's checked socket exceptions into asyncrt's unchecked {@link OSError} family, with
 * Python's wording and a hint at what to do, and writes addresses as Python does:
 * {@code ('127.0.0.1', 8888)}.
 */
public final class SocketErrors {
    private SocketErrors() {}

    /** {@code e}, raised while {@code doing} (e.g. "Connect call failed ('127.0.0.1', 80)"), as the matching OSError. */
    public static OSError translate(IOException e, String doing) {
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String lower = reason.toLowerCase();
        if (e instanceof ConnectException && lower.contains("refused")) {
            return new ConnectionRefusedError(doing + ": connection refused (is a server listening at that address?)", e);
        }
        if (e instanceof BindException && lower.contains("in use")) {
            return new OSError(doing + ": address already in use (another socket is bound to it: stop that"
                    + " server, or choose another port; port 0 picks a free one)", e);
        }
        if (lower.contains("reset")) {
            return new ConnectionResetError(doing + ": connection reset by peer", e);
        }
        if (lower.contains("broken pipe")) {
            return new BrokenPipeError(doing + ": broken pipe (the peer closed the connection)", e);
        }
        if (e instanceof ClosedChannelException) {
            return new OSError(doing + ": the socket is closed", e);
        }
        return new OSError(doing + ": " + reason, e);
    }

    /** {@code address} as Python prints a socket address: {@code ('127.0.0.1', 8888)}. */
    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.isUnresolved() ? inet.getHostString() : inet.getAddress().getHostAddress();
            return "('" + host + "', " + inet.getPort() + ")";
        }
        return String.valueOf(address);
    }
}

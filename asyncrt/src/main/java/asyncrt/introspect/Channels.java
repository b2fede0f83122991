package asyncrt.introspect;

import asyncrt.sockets.SocketErrors;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A channel in words, for loop reports: {@code listening socket ('127.0.0.1', 8080)},
 * {@code socket ('127.0.0.1', 40312) -> ('127.0.0.1', 8080)}, {@code pipe (read end)} — never the
 * JDK's {@code toString}, which shows memory addresses.
 */
public final class Channels {
    private Channels() {}

    /** What {@code channel} is and, for a socket, its addresses. */
    public static String describe(Object channel) {
        if (channel instanceof ServerSocketChannel server) {
            return "listening socket " + address(() -> server.getLocalAddress());
        }
        if (channel instanceof SocketChannel socket) {
            String local = address(() -> socket.getLocalAddress());
            if (!socket.isOpen()) {
                return "closed socket";
            }
            return socket.isConnected() ? "socket " + local + " -> " + address(() -> socket.getRemoteAddress())
                    : "socket " + local + " (connecting)";
        }
        if (channel instanceof DatagramChannel datagram) {
            return "UDP socket " + address(() -> datagram.getLocalAddress());
        }
        if (channel instanceof Pipe.SourceChannel) {
            return "pipe (read end)";
        }
        if (channel instanceof Pipe.SinkChannel) {
            return "pipe (write end)";
        }
        return channel == null ? "null" : channel.getClass().getSimpleName();
    }

    private interface AddressSource {
        SocketAddress get() throws IOException;
    }

    private static String address(AddressSource source) {
        try {
            SocketAddress address = source.get();
            return address == null ? "(unbound)" : SocketErrors.describe(address);
        } catch (IOException | RuntimeException e) {
            return "(closed)";
        }
    }
}

package asyncrt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/** Loopback addresses for socket tests. */
public final class Loopback {
    private Loopback() {}

    /** A port of 127.0.0.1 where nothing listens: one the system just handed out and took back. */
    public static int unusedPort() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.socket().getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package asyncrt.streams;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.sockets.OSError;
import asyncrt.sockets.SocketErrors;
import asyncrt.sockets.SocketOperations;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code asyncio.start_server} and {@code asyncio.open_connection}: TCP servers and
 * clients as pairs of streams. {@code Asyncio.startServer} and {@code Asyncio.openConnection}
 * call these.
 */
public final class Streams {
    /** Python's default backlog for {@code start_server}: connections the OS queues before accept. */
    public static final int DEFAULT_BACKLOG = 100;

    private Streams() {}

    /**
     * Listens on {@code host}:{@code port} (host null: every interface; port 0: any free port)
     * and, for each connection, runs {@code callback(reader, writer)} in a task of its own. The
     * server is accepting when this returns. A port already in use fails here, with an
     * {@link OSError} that says so.
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback callback, String host, int port, int limit, int backlog) {
        checkLimit(limit);
        return Coroutine.of(() -> {
            EventLoop loop = Events.getRunningLoop();
            List<ServerSocketChannel> sockets = new ArrayList<>();
            try {
                for (InetSocketAddress address : Coroutine.await(SocketOperations.resolve(loop, host, port))) {
                    sockets.add(listen(address, backlog));
                }
            } catch (Throwable t) {
                sockets.forEach(Streams::closeQuietly);
                throw t;
            }
            Server server = new Server(loop, sockets, callback, limit, backlog);
            Coroutine.await(server.startServing());
            return server;
        });
    }

    /**
     * Connects to {@code host}:{@code port}, trying each of its addresses in turn, and returns the
     * connection's reader and writer. Nobody listening fails here with a
     * {@link asyncrt.sockets.ConnectionRefusedError}.
     */
    public static Coroutine<StreamPair> openConnection(String host, int port, int limit) {
        checkLimit(limit);
        return Coroutine.of(() -> {
            EventLoop loop = Events.getRunningLoop();
            List<RuntimeException> failures = new ArrayList<>();
            for (InetSocketAddress address : Coroutine.await(SocketOperations.resolve(loop, host, port))) {
                SocketChannel channel = open(address);
                try {
                    Coroutine.await(loop.sockConnect(channel, address));
                } catch (RuntimeException e) {
                    closeQuietly(channel);
                    failures.add(e);
                    continue;
                } catch (Throwable cancelledOrWorse) {
                    closeQuietly(channel);
                    throw cancelledOrWorse;
                }
                StreamReader reader = new StreamReader(limit);
                SocketTransport transport = new SocketTransport(loop, channel, reader, null);
                return new StreamPair(reader, new StreamWriter(transport, reader));
            }
            throw combined(failures);
        });
    }

    private static ServerSocketChannel listen(InetSocketAddress address, int backlog) {
        ServerSocketChannel socket;
        try {
            socket = address.getAddress() instanceof Inet6Address || address.getAddress().isAnyLocalAddress()
                    ? ServerSocketChannel.open() : ServerSocketChannel.open(StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw SocketErrors.translate(e, "cannot open a server socket");
        }
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);  // as asyncio on POSIX: restart without waiting for TIME_WAIT
            socket.bind(address, backlog);
            socket.configureBlocking(false);
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw SocketErrors.translate(e, "error while attempting to bind on address " + SocketErrors.describe(address));
        }
    }

    private static SocketChannel open(InetSocketAddress address) {
        try {
            SocketChannel channel = SocketChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            throw SocketErrors.translate(e, "cannot open a socket");
        }
    }

    /** One failure as itself; several as one OSError naming them all (Python's "Multiple exceptions: ..."). */
    private static RuntimeException combined(List<RuntimeException> failures) {
        if (failures.size() == 1 || failures.stream().map(Throwable::getMessage).distinct().count() == 1) {
            return failures.get(0);
        }
        OSError all = new OSError("Multiple exceptions: " + String.join(", ", failures.stream().map(Throwable::getMessage).toList()));
        failures.forEach(all::addSuppressed);
        return all;
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0, got " + limit);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}

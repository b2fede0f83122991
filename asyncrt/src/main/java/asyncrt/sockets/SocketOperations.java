package asyncrt.sockets;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's low-level socket coroutines — {@code loop.sockAccept}, {@code sockConnect},
 * {@code sockRecv}, {@code sockRecvInto}, {@code sockSendall} — built the way CPython's selector
 * loop builds them: try the operation now; if the socket is not ready, make a future, ask the
 * loop to call back when the socket is ready ({@code addReader}/{@code addWriter}), try again
 * from that callback, and stop watching the socket as soon as the future is done — whether it
 * succeeded, failed or was cancelled. So a cancelled {@code sockRecv} leaves nothing registered
 * in the selector.
 *
 * <p>The channels must be in non-blocking mode ({@code channel.configureBlocking(false)}, as
 * Python's {@code sock.setblocking(False)}); a blocking one would stop the whole loop.
 */
public final class SocketOperations {
    private SocketOperations() {}

    /** One try of an operation: its result, or null when the socket is not ready yet. */
    @FunctionalInterface
    private interface Attempt<T> {
        T tryNow();
    }

    /** Accepts a connection, waiting for one; the new channel is non-blocking. Python returns {@code (conn, address)}: the address is {@code conn.getRemoteAddress()}. */
    public static Coroutine<SocketChannel> accept(EventLoop loop, ServerSocketChannel server) {
        return Coroutine.of(() -> {
            requireNonBlocking(server);
            return whenReady(loop, server, false, () -> acceptNow(server));
        });
    }

    /** Connects {@code sock} to {@code address} (a host name is resolved first, off the loop's thread). */
    public static Coroutine<Void> connect(EventLoop loop, SocketChannel sock, SocketAddress address) {
        return Coroutine.of(() -> {
            requireNonBlocking(sock);
            SocketAddress target = address;
            if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
                target = Coroutine.await(resolve(loop, inet.getHostString(), inet.getPort())).get(0);
            }
            String failed = "Connect call failed " + SocketErrors.describe(target);
            try {
                if (sock.connect(target)) {
                    return;
                }
            } catch (IOException e) {
                throw SocketErrors.translate(e, failed);
            }
            whenReady(loop, sock, true, () -> {
                try {
                    return sock.finishConnect() ? Boolean.TRUE : null;
                } catch (IOException e) {
                    throw SocketErrors.translate(e, failed);
                }
            });
        });
    }

    /** Receives up to {@code nbytes} bytes, waiting for some; an empty array means the peer closed its side (EOF). */
    public static Coroutine<byte[]> recv(EventLoop loop, SocketChannel sock, int nbytes) {
        if (nbytes < 0) {
            throw new IllegalArgumentException("negative buffersize in recv: " + nbytes);
        }
        return Coroutine.of(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(nbytes);
            int n = Coroutine.await(recvInto(loop, sock, buffer));
            return Arrays.copyOf(buffer.array(), n);
        });
    }

    /** Receives into {@code buffer}, waiting for data; returns how many bytes came, 0 at EOF (Python's {@code sock_recv_into}). */
    public static Coroutine<Integer> recvInto(EventLoop loop, SocketChannel sock, ByteBuffer buffer) {
        return Coroutine.of(() -> {
            requireNonBlocking(sock);
            return whenReady(loop, sock, false, () -> readNow(sock, buffer));
        });
    }

    /** Sends all of {@code data}, waiting while the socket's send buffer is full. */
    public static Coroutine<Void> sendall(EventLoop loop, SocketChannel sock, ByteBuffer data) {
        return Coroutine.of(() -> {
            requireNonBlocking(sock);
            whenReady(loop, sock, true, () -> {
                try {
                    sock.write(data);
                } catch (IOException e) {
                    throw SocketErrors.translate(e, "sendall() failed");
                }
                return data.hasRemaining() ? null : Boolean.TRUE;
            });
        });
    }

    /**
     * The addresses of {@code host} (null: the wildcard address), looked up on the default
     * executor so that a slow DNS server does not stall the loop; an IP literal needs no lookup
     * and is answered at once.
     */
    public static Coroutine<List<InetSocketAddress>> resolve(EventLoop loop, String host, int port) {
        return Coroutine.of(() -> {
            if (host == null) {
                return List.of(new InetSocketAddress(port));
            }
            InetAddress[] addresses = isIpLiteral(host)
                    ? lookUp(host)
                    : Coroutine.await(loop.runInExecutor(null, () -> lookUp(host)));
            return Arrays.stream(addresses).map(a -> new InetSocketAddress(a, port)).distinct().toList();
        });
    }

    // ---- the pattern: try now, else wait for readiness and try again ------------------------

    private static <T> T whenReady(EventLoop loop, SelectableChannel channel, boolean forWriting, Attempt<T> attempt) {
        T now = attempt.tryNow();
        if (now != null) {
            return now;
        }
        Future<T> future = loop.createFuture();
        Runnable retry = () -> {
            if (future.done()) {
                return;  // cancelled meanwhile: its done callback is about to stop the watch
            }
            try {
                T result = attempt.tryNow();
                if (result != null) {
                    future.setResult(result);
                }
            } catch (RuntimeException e) {
                future.setException(e);
            }
        };
        if (forWriting) {
            loop.addWriter(channel, retry);
            future.addDoneCallback(f -> loop.removeWriter(channel));
        } else {
            loop.addReader(channel, retry);
            future.addDoneCallback(f -> loop.removeReader(channel));
        }
        return Coroutine.await(future, channel);
    }

    private static SocketChannel acceptNow(ServerSocketChannel server) {
        try {
            SocketChannel conn = server.accept();
            if (conn != null) {
                conn.configureBlocking(false);
            }
            return conn;
        } catch (IOException e) {
            throw SocketErrors.translate(e, "accept() failed");
        }
    }

    /** Bytes read, 0 at EOF (or for an empty buffer), null when nothing is there yet. */
    private static Integer readNow(SocketChannel sock, ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            return 0;
        }
        try {
            int n = sock.read(buffer);
            return n < 0 ? Integer.valueOf(0) : n == 0 ? null : Integer.valueOf(n);
        } catch (IOException e) {
            throw SocketErrors.translate(e, "recv() failed");
        }
    }

    private static void requireNonBlocking(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: call channel.configureBlocking(false)"
                    + " first (Python: sock.setblocking(False)); a blocking socket would stop the event loop");
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)) && host.chars().filter(c -> c == '.').count() == 3;
    }

    private static InetAddress[] lookUp(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new OSError("getaddrinfo failed for '" + host + "': name or service not known (check the host name)", e);
        }
    }
}

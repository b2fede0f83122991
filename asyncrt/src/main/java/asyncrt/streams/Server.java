package asyncrt.streams;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.sockets.SocketErrors;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listening TCP server, as {@code startServer} returns it: Python's {@code asyncio.Server}.
 * Each accepted connection gets a {@link StreamReader}, a {@link StreamWriter} and a task running
 * the client-connected callback.
 *
 * <pre>{@code
 * Server server = await(startServer(this::handleClient, "127.0.0.1", 8888));
 * try (server) {                       // async with server:
 *     await(server.serveForever());
 * }
 * }</pre>
 *
 * {@link #close()} stops listening at once and leaves the open connections alone;
 * {@link #waitClosed()} waits until the server is closed and every connection has ended.
 * Python's {@code async with server} also awaits {@code wait_closed()} on the way out, which a
 * Java {@code close()} cannot promise to do (it may be called outside a coroutine, or from one of
 * the connections it would wait for); {@link #serveForever()} does close and wait when it is
 * cancelled, which is how such servers end.
 */
public final class Server implements AutoCloseable {
    /** Seconds to stop accepting after the process ran out of file descriptors (Python's ACCEPT_RETRY_DELAY). */
    private static final double ACCEPT_RETRY_DELAY = 1;

    private final EventLoop loop;
    private final ClientConnectedCallback callback;
    private final int limit;
    private final int backlog;
    /** The listening sockets; null once closed. */
    private List<ServerSocketChannel> sockets;
    private int activeCount;
    /** Who waits in waitClosed(); null once closed with no connection left. */
    private List<Future<Void>> waiters = new ArrayList<>();
    private boolean serving;
    private Future<Void> servingForever;

    Server(EventLoop loop, List<ServerSocketChannel> sockets, ClientConnectedCallback callback, int limit, int backlog) {
        this.loop = loop;
        this.sockets = sockets;
        this.callback = callback;
        this.limit = limit;
        this.backlog = backlog;
    }

    public EventLoop getLoop() {
        return loop;
    }

    /** The listening sockets; empty once closed. {@code sockets().get(0).socket().getLocalPort()} is the port. */
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : List.copyOf(sockets);
    }

    public boolean isServing() {
        return serving;
    }

    /** Starts accepting connections, if not already (startServer does it). */
    public Coroutine<Void> startServing() {
        return Coroutine.of(() -> {
            beginAccepting();
            Coroutine.await(asyncrt.combinators.Sleep.sleep(0, null));
        });
    }

    /**
     * Accepts connections until cancelled; being cancelled closes the server and waits for its
     * connections to end before the CancelledError goes on.
     */
    public Coroutine<Void> serveForever() {
        return Coroutine.of(() -> {
            if (servingForever != null) {
                throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
            }
            if (sockets == null) {
                throw new IllegalStateException("server " + this + " is closed");
            }
            beginAccepting();
            servingForever = loop.createFuture();
            try {
                Coroutine.await(servingForever, this);
            } catch (CancelledError cancelled) {
                try {
                    close();
                    Coroutine.await(waitClosed());
                } catch (Throwable whileClosing) {
                    cancelled.addSuppressed(whileClosing);
                }
                throw cancelled;
            } finally {
                servingForever = null;
            }
        });
    }

    /**
     * Stops listening and closes the listening sockets at once, so the next connection attempt is
     * refused; open connections go on (see the class comment).
     */
    @Override
    public void close() {
        List<ServerSocketChannel> listening = sockets;
        if (listening == null) {
            return;
        }
        sockets = null;
        for (ServerSocketChannel socket : listening) {
            loop.unregisterNow(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // it is closed enough
            }
        }
        serving = false;
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeUpWaiters();
        }
    }

    /** Waits until the server is closed and all its connections have ended. */
    public Coroutine<Void> waitClosed() {
        return Coroutine.of(() -> {
            if (waiters == null) {
                return;
            }
            Future<Void> waiter = loop.createFuture();
            waiters.add(waiter);
            Coroutine.await(waiter, this);
        });
    }

    // ---- accepting --------------------------------------------------------------------------------

    private void beginAccepting() {
        if (serving) {
            return;
        }
        serving = true;
        for (ServerSocketChannel socket : sockets) {
            loop.addReader(socket, () -> acceptConnections(socket));
        }
    }

    /** Accepts the connections waiting, up to the backlog, as CPython's {@code _accept_connection}. */
    private void acceptConnections(ServerSocketChannel socket) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = socket.accept();
                if (conn == null) {
                    return;
                }
                conn.configureBlocking(false);
            } catch (IOException e) {
                acceptFailed(socket, e);
                return;
            }
            connectionMade(conn);
        }
    }

    private void acceptFailed(ServerSocketChannel socket, IOException e) {
        if (!socket.isOpen()) {
            return;  // closed under us
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("message", "socket.accept() out of system resource");
        report.put("exception", SocketErrors.translate(e, "accept() failed"));
        report.put("socket", socket);
        loop.callExceptionHandler(report);
        if (String.valueOf(e.getMessage()).contains("Too many open files")) {
            // The socket stays readable: stop watching it for a while instead of spinning.
            loop.removeReader(socket);
            loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                if (sockets != null && sockets.contains(socket)) {
                    loop.addReader(socket, () -> acceptConnections(socket));
                }
            });
        }
    }

    private void connectionMade(SocketChannel conn) {
        activeCount++;
        StreamReader reader = new StreamReader(limit);
        SocketTransport transport = new SocketTransport(loop, conn, reader, this);
        StreamWriter writer = new StreamWriter(transport, reader);
        Coroutine<?> handler;
        try {
            handler = callback.call(reader, writer);
        } catch (RuntimeException e) {
            handlerFailed(e, transport);
            return;
        }
        if (handler == null) {
            return;
        }
        Task<?> task = loop.createTask(handler);
        task.addDoneCallback(t -> {
            if (t.cancelled()) {
                transport.close();
            } else if (t.exception() != null) {
                handlerFailed(t.exception(), transport);
            }
        });
    }

    private void handlerFailed(Throwable failure, SocketTransport transport) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("message", "Unhandled exception in client_connected_cb");
        report.put("exception", failure);
        report.put("transport", transport);
        loop.callExceptionHandler(report);
        transport.close();
    }

    /** A connection of this server has closed. */
    void detach() {
        activeCount--;
        if (activeCount == 0 && sockets == null) {
            wakeUpWaiters();
        }
    }

    private void wakeUpWaiters() {
        List<Future<Void>> waiting = waiters;
        if (waiting == null) {
            return;
        }
        waiters = null;
        for (Future<Void> waiter : waiting) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<Server sockets=[");
        if (sockets != null) {
            s.append(String.join(", ", sockets.stream().map(c -> SocketErrors.describe(c.socket().getLocalSocketAddress())).toList()));
        }
        return s.append("]>").toString();
    }
}

package asyncrt.streams;

import static asyncrt.streams.Bytes.b;
import static asyncrt.streams.Bytes.s;
import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.currentTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.getRunningLoop;
import static asyncrt.Asyncio.openConnection;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.Loopback;
import asyncrt.events.EventLoop;
import asyncrt.sockets.ConnectionRefusedError;
import asyncrt.sockets.OSError;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections from start to end on real loopback sockets: EOF, half-close, errors at the await, cancellation, clean-up. */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionLifecycleTest {
    private static int port(Server server) {
        return server.sockets().get(0).socket().getLocalPort();
    }

    @Test
    void halfCloseTheClientSaysEofAndStillHearsTheAnswer() {
        Asyncio.run(async(() -> {
            ClientConnectedCallback answerAfterEof = (reader, writer) -> async(() -> {
                byte[] question = await(reader.read());  // everything, up to the client's EOF
                assertTrue(reader.atEof());
                writer.write(b("you said: " + s(question)));
                await(writer.drain());
                writer.close();
                await(writer.waitClosed());
            });
            try (Server server = await(startServer(answerAfterEof, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                assertTrue(conn.writer().canWriteEof());
                conn.writer().write(b("hello"));
                conn.writer().writeEof();
                assertThrows(IllegalStateException.class, () -> conn.writer().write(b("more")));
                assertEquals("you said: hello", s(await(conn.reader().read())));
                assertTrue(conn.reader().atEof());
                assertEquals(0, await(conn.reader().read(10)).length);
                conn.writer().close();
                await(conn.writer().waitClosed());
            }
        }));
    }

    @Test
    void extraInfoNamesBothEnds() {
        Asyncio.run(async(() -> {
            Future<Object> serverSeesPeer = getRunningLoop().createFuture();
            ClientConnectedCallback note = (reader, writer) -> {
                serverSeesPeer.setResult(writer.getExtraInfo("peername"));
                writer.close();
                return null;
            };
            try (Server server = await(startServer(note, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                StreamWriter w = conn.writer();
                assertEquals(new InetSocketAddress("127.0.0.1", port(server)), w.getExtraInfo("peername"));
                assertEquals(w.getExtraInfo("sockname"), await(serverSeesPeer));
                assertInstanceOf(SocketChannel.class, w.getExtraInfo("socket"));
                assertNull(w.getExtraInfo("cipher"));
                assertEquals("none", w.getExtraInfo("cipher", "none"));
                w.close();
                await(w.waitClosed());
                assertTrue(w.isClosing());
                // asyncio records the addresses when the transport is made: still known once closed
                assertEquals(new InetSocketAddress("127.0.0.1", port(server)), w.getExtraInfo("peername"));
            }
        }));
    }

    @Test
    void connectionRefusedIsAClearErrorAtTheAwait() throws IOException {
        int closedPort = Loopback.unusedPort();
        ConnectionRefusedError e = assertThrows(ConnectionRefusedError.class,
                () -> Asyncio.run(openConnection("127.0.0.1", closedPort)));
        assertEquals("Connect call failed ('127.0.0.1', " + closedPort + "): connection refused"
                + " (is a server listening at that address?)", e.getMessage());
    }

    @Test
    void aPortInUseIsAClearErrorAtTheAwait() throws IOException {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.socket().getLocalPort();
            OSError e = assertThrows(OSError.class,
                    () -> Asyncio.run(startServer((r, w) -> null, "127.0.0.1", port)));
            assertEquals("error while attempting to bind on address ('127.0.0.1', " + port + "): address already in use"
                    + " (another socket is bound to it: stop that server, or choose another port; port 0 picks a free one)",
                    e.getMessage());
        }
    }

    @Test
    void cancellingAHandlerBlockedInReadLeavesNoSelectorRegistration() {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            Future<Task<?>> handlerTask = loop.createFuture();
            ClientConnectedCallback blockInRead = (reader, writer) -> async(() -> {
                handlerTask.setResult(currentTask());
                await(reader.read(100));  // the client never sends
            });
            try (Server server = await(startServer(blockInRead, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                Task<?> handler = await(handlerTask);
                SocketChannel clientSide = (SocketChannel) conn.writer().getExtraInfo("socket");
                assertEquals(2, loop.ioRegistrations().size() - 1, "both ends of the connection read, besides the listener");

                handler.cancel();
                assertThrows(CancelledError.class, () -> await(handler));
                await(sleep(0));  // the server closes the transport of a cancelled handler; the socket closes a turn later
                await(sleep(0));
                assertEquals(List.of(clientSide), connections(loop), "the server's end is gone from the selector");
                assertEquals(0, await(conn.reader().read(100)).length, "and the client reads EOF");

                Task<byte[]> clientRead = createTask(conn.reader().read(100));
                await(sleep(0));
                clientRead.cancel();
                conn.writer().close();
                await(conn.writer().waitClosed());
                assertEquals(List.of(), connections(loop));
            }
        }));
    }

    /** The registered channels that are connections (not listeners). */
    private static List<SocketChannel> connections(EventLoop loop) {
        return loop.ioRegistrations().keySet().stream()
                .filter(SocketChannel.class::isInstance).map(SocketChannel.class::cast).toList();
    }

    @Test
    void anAcceptedConnectionWhoseRequestIsWaitingIsServedWithoutRegisteringItsSocket() throws IOException {
        List<Boolean> registered = new ArrayList<>();
        try (java.net.Socket client = new java.net.Socket()) {
            Asyncio.run(async(() -> {
                Future<Void> served = getRunningLoop().createFuture();
                ClientConnectedCallback answer = (reader, writer) -> async(() -> {
                    byte[] request = await(reader.readline());
                    registered.add(getRunningLoop().ioRegistrations().containsKey(writer.getExtraInfo("socket")));
                    writer.write(b("re: " + s(request)));
                    writer.close();
                    await(writer.waitClosed());
                    served.setResult(null);
                });
                try (Server server = await(startServer(answer, "127.0.0.1", 0))) {
                    // A blocking client, from the loop's thread: the request is in the server's
                    // socket buffer before the loop gets to accept the connection.
                    client.connect(new InetSocketAddress("127.0.0.1", port(server)));
                    client.getOutputStream().write(b("hello\n"));
                    await(served);
                }
            }));
            assertEquals("re: hello\n", s(client.getInputStream().readAllBytes()));
        }
        assertEquals(List.of(false), registered, "the server never watched the connection's socket");
    }

    @Test
    void writingToAConnectionThePeerResetFailsAtDrain() {
        Asyncio.run(async(() -> {
            ClientConnectedCallback abortAtOnce = (reader, writer) -> {
                writer.transport().abort();
                return null;
            };
            try (Server server = await(startServer(abortAtOnce, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                assertEquals(0, await(conn.reader().read(10)).length);
                RuntimeException failure = assertThrows(RuntimeException.class, () -> {
                    for (int i = 0; i < 1000; i++) {
                        conn.writer().write(new byte[64 * 1024]);
                        await(conn.writer().drain());
                    }
                });
                assertInstanceOf(asyncrt.sockets.ConnectionError.class, failure, failure.toString());
                assertTrue(conn.writer().isClosing());
                // From now on drain() rethrows the error that broke the connection, as asyncio's does.
                Throwable broke = conn.reader().exception();
                assertInstanceOf(asyncrt.sockets.ConnectionError.class, broke);
                assertSame(broke, assertThrows(RuntimeException.class, () -> await(conn.writer().drain())));
            }
        }));
    }

    @Test
    void closingTheServerStopsListeningAndWaitClosedWaitsForTheConnections() {
        Asyncio.run(async(() -> {
            Future<Void> started = getRunningLoop().createFuture();
            Future<Void> release = getRunningLoop().createFuture();
            ClientConnectedCallback waitForRelease = (reader, writer) -> async(() -> {
                started.setResult(null);
                await(release);
                writer.close();
            });
            Server server = await(startServer(waitForRelease, "127.0.0.1", 0));
            int port = port(server);
            StreamPair conn = await(openConnection("127.0.0.1", port));
            await(started);
            server.close();
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            await(sleep(0));  // the selector lets go of the listening socket on its next turn
            assertThrows(ConnectionRefusedError.class, () -> await(openConnection("127.0.0.1", port)));
            Task<Void> waiting = createTask(server.waitClosed());
            await(sleep(0.05));
            assertFalse(waiting.done(), "a connection is still open");
            release.setResult(null);
            await(waiting);
            conn.writer().close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(server.serveForever()));
            assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
        }));
    }

    @Test
    void theProcessOpenFilesGoBackToTheBaselineAfterTenThousandConnections() throws IOException {
        Asyncio.run(async(() -> {  // warm-up: the first connection loads what the JDK keeps open for good
            try (Server server = await(startServer(EchoServerTest::echo, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                conn.writer().close();
                await(conn.writer().waitClosed());
            }
        }));
        long baseline = openFileDescriptors();
        int served = Asyncio.run(async(() -> {
            int count = 0;
            try (Server server = await(startServer(EchoServerTest::echo, "127.0.0.1", 0))) {
                for (int batch = 0; batch < 100; batch++) {
                    List<Task<Boolean>> clients = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        clients.add(createTask(async(() -> {
                            StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                            conn.writer().write(b("ping\n"));
                            boolean ok = s(await(conn.reader().readline())).equals("ping\n");
                            conn.writer().close();
                            await(conn.writer().waitClosed());
                            return ok;
                        })));
                    }
                    for (boolean ok : await(gather(clients))) {
                        count += ok ? 1 : 0;
                    }
                }
                server.close();
                await(server.waitClosed());
            }
            return count;
        }));
        assertEquals(10_000, served);
        assertEquals(baseline, openFileDescriptors(), "open file descriptors before and after");
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aHandlerThatFailsIsReportedAndItsConnectionClosed() {
        List<Object> reported = new ArrayList<>();
        RuntimeException bug = new RuntimeException("bug in handler");
        Asyncio.run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context.get("message")));
            reported.add(bug);
            ClientConnectedCallback buggy = (reader, writer) -> async(() -> {
                throw bug;
            });
            try (Server server = await(startServer(buggy, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", port(server)));
                assertEquals(0, await(conn.reader().read(10)).length, "the server closed the connection");
                conn.writer().close();
            }
        }));
        assertSame(bug, reported.get(0));
        assertEquals(List.of(bug, "Unhandled exception in client_connected_cb"), reported);
    }
}

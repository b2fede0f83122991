package asyncrt.sockets;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.getRunningLoop;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.Loopback;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's low-level socket coroutines on real loopback sockets (CPython's test_sock_lowlevel). */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketOperationsTest {
    /** A connected pair of non-blocking channels, made with sockAccept and sockConnect. */
    private record Pair(SocketChannel client, SocketChannel server) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            client.close();
            server.close();
        }
    }

    private static Coroutine<Pair> connectedPair() {
        return async(() -> {
            EventLoop loop = getRunningLoop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0)).configureBlocking(false);
                Task<SocketChannel> accepted = createTask(loop.sockAccept(listener));
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                await(loop.sockConnect(client, listener.getLocalAddress()));
                return new Pair(client, await(accepted));
            }
        });
    }

    @Test
    void aCancelledRecvLeavesNoSelectorRegistrationAndTheSocketStillWorks() {
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            try (Pair pair = await(connectedPair())) {
                assertEquals(Map.of(), loop.ioRegistrations());
                Task<byte[]> reading = createTask(loop.sockRecv(pair.server(), 100));
                await(sleep(0));
                assertEquals(Map.of(pair.server(), "read"), loop.ioRegistrations());
                reading.cancel();
                assertThrows(CancelledError.class, () -> await(reading));
                assertEquals(Map.of(), loop.ioRegistrations());

                await(loop.sockSendall(pair.client(), "hi".getBytes()));
                assertArrayEquals("hi".getBytes(), await(loop.sockRecv(pair.server(), 100)));
                assertEquals(Map.of(), loop.ioRegistrations());
            }
        }));
    }

    @Test
    void sendallSendsEverythingEvenWhenTheSocketBufferFills() {
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            try (Pair pair = await(connectedPair())) {
                Task<Void> sending = createTask(async(() -> {
                    await(loop.sockSendall(pair.client(), data));
                    pair.client().shutdownOutput();
                }));
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                byte[] chunk;
                while ((chunk = await(loop.sockRecv(pair.server(), 65536))).length > 0) {
                    received.writeBytes(chunk);
                }
                await(sending);
                assertArrayEquals(data, received.toByteArray());
            }
        }));
    }

    @Test
    void recvReturnsNothingAtEndOfStream() {
        Asyncio.run(async(() -> {
            try (Pair pair = await(connectedPair())) {
                pair.client().shutdownOutput();
                assertEquals(0, await(getRunningLoop().sockRecv(pair.server(), 10)).length);
            }
        }));
    }

    @Test
    void connectingWhereNobodyListensIsAConnectionRefusedErrorAtTheAwait() throws Exception {
        int closedPort = Loopback.unusedPort();
        Asyncio.run(async(() -> {
            try (SocketChannel sock = SocketChannel.open()) {
                sock.configureBlocking(false);
                ConnectionRefusedError e = assertThrows(ConnectionRefusedError.class,
                        () -> await(getRunningLoop().sockConnect(sock, new InetSocketAddress("127.0.0.1", closedPort))));
                assertEquals("Connect call failed ('127.0.0.1', " + closedPort + "): connection refused"
                        + " (is a server listening at that address?)", e.getMessage());
            }
        }));
    }

    @Test
    void aBlockingSocketIsRefusedWithTheFix() {
        Asyncio.run(async(() -> {
            try (SocketChannel sock = SocketChannel.open()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> await(getRunningLoop().sockRecv(sock, 10)));
                assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
            }
        }));
    }

    @Test
    void aReaderRemovedAndAddedAgainInOneCallbackStillFires() {
        // Cancelling the selection key in removeReader would make re-registering the channel before
        // the next select throw CancelledKeyException.
        List<String> fired = new ArrayList<>();
        Asyncio.run(async(() -> {
            EventLoop loop = getRunningLoop();
            try (Pair pair = await(connectedPair())) {
                loop.addReader(pair.server(), () -> fired.add("first"));
                loop.removeReader(pair.server());
                loop.addReader(pair.server(), () -> {
                    fired.add("second");
                    loop.removeReader(pair.server());
                });
                await(loop.sockSendall(pair.client(), new byte[] {1}));
                while (fired.isEmpty()) {
                    await(sleep(0.001));
                }
            }
        }));
        assertEquals(List.of("second"), fired);
    }
}

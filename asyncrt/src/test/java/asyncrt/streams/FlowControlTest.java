package asyncrt.streams;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.openConnection;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.startServer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** drain() holds a fast writer back while its peer reads slowly: the writer's buffer stays bounded. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlowControlTest {
    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 256;  // 16 MiB: more than the kernel's socket buffers hold

    @Test
    void drainAppliesBackPressureToAWriterWhosePeerReadsSlowly() throws Exception {
        byte[] chunk = new byte[CHUNK];
        new Random(7).nextBytes(chunk);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < CHUNKS; i++) {
            expected.update(chunk);
        }
        long[] mostBuffered = {0};
        int[] drainsThatWaited = {0};
        byte[] digest = Asyncio.run(async(() -> {
            ClientConnectedCallback fastWriter = (reader, writer) -> async(() -> {
                SocketTransport transport = writer.transport();
                assertArrayEquals(new int[] {16 * 1024, 64 * 1024}, transport.getWriteBufferLimits());
                for (int i = 0; i < CHUNKS; i++) {
                    writer.write(chunk);
                    long buffered = transport.getWriteBufferSize();
                    mostBuffered[0] = Math.max(mostBuffered[0], buffered);
                    if (buffered > 64 * 1024) {
                        drainsThatWaited[0]++;
                    }
                    await(writer.drain());
                    assertTrue(transport.getWriteBufferSize() <= 64 * 1024, "drain returned above the high-water mark");
                }
                writer.close();
                await(writer.waitClosed());
            });
            try (Server server = await(startServer(fastWriter, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", server.sockets().get(0).socket().getLocalPort()));
                await(sleep(0.2));  // the writer fills the kernel's buffers and then its own, up to the mark
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                byte[] part;
                while ((part = await(conn.reader().read(16 * 1024))).length > 0) {
                    received.update(part);
                    await(sleep(0));  // a slow reader: every read goes to the back of the queue
                }
                conn.writer().close();
                return received.digest();
            }
        }));
        assertArrayEquals(expected.digest(), digest, "every byte arrived, in order");
        assertTrue(drainsThatWaited[0] > 0, "the peer was slow enough for drain() to wait");
        assertTrue(mostBuffered[0] <= 64 * 1024 + CHUNK, "the writer buffered " + mostBuffered[0] + " bytes");
    }

    @Test
    void theWaterMarksCanBeSetAndAreChecked() {
        Asyncio.run(async(() -> {
            ClientConnectedCallback nothing = (reader, writer) -> null;
            try (Server server = await(startServer(nothing, "127.0.0.1", 0))) {
                StreamPair conn = await(openConnection("127.0.0.1", server.sockets().get(0).socket().getLocalPort()));
                SocketTransport transport = conn.writer().transport();
                transport.setWriteBufferLimits(1000, null);
                assertArrayEquals(new int[] {250, 1000}, transport.getWriteBufferLimits());
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> transport.setWriteBufferLimits(10, 20));
                assertEquals("high (10) must be >= low (20) must be >= 0", e.getMessage());
                conn.writer().close();
            }
        }));
    }
}

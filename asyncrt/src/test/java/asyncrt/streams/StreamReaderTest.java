package asyncrt.streams;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.tasks.Task;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StreamReader fed by hand, after CPython's test_streams.StreamTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamReaderTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readWaitsForDataAndReturnsAtMostN() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader();
            Task<byte[]> read = createTask(reader.read(4));
            await(sleep(0));
            assertFalse(read.done());
            reader.feedData(b("line1\nline2\n"));
            assertEquals("line", s(await(read)));
            assertEquals("1\nline2\n", s(await(reader.read(100))));
            reader.feedEof();
            assertEquals(0, await(reader.read(100)).length);
            assertTrue(reader.atEof());
        }));
    }

    @Test
    void readWithoutACountReadsToTheEnd() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader(3);
            Task<byte[]> all = createTask(reader.read());
            reader.feedData(b("chunk1\n"));
            await(sleep(0));
            reader.feedData(b("chunk2"));
            reader.feedEof();
            assertEquals("chunk1\nchunk2", s(await(all)));
        }));
    }

    @Test
    void readlineReturnsLinesAndThenThePartialOneAtTheEnd() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader();
            reader.feedData(b("chunk1 "));
            Task<byte[]> line = createTask(reader.readline());
            await(sleep(0));
            reader.feedData(b("chunk2 "));
            await(sleep(0));
            reader.feedData(b("chunk3\nrest"));
            assertEquals("chunk1 chunk2 chunk3\n", s(await(line)));
            reader.feedEof();
            assertEquals("rest", s(await(reader.readline())));
            assertEquals("", s(await(reader.readline())));
        }));
    }

    @Test
    void aLineLongerThanTheLimitIsDroppedWithAValueError() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader(7);
            reader.feedData(b("1234567890\nxx\n"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(reader.readline()));
            assertEquals("Separator is found, but chunk is longer than limit", e.getMessage());
            assertEquals("xx\n", s(await(reader.readline())));
        }));
    }

    @Test
    void readuntilFindsTheSeparatorOrSaysWhyNot() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader(8);
            reader.feedData(b("lineAAA"));
            Task<byte[]> until = createTask(reader.readuntil(b("AAA")));
            assertEquals("lineAAA", s(await(until)));

            reader.feedData(b("0123456789"));
            LimitOverrunError overrun = assertThrows(LimitOverrunError.class, () -> await(reader.readuntil(b("\r\n"))));
            assertEquals("Separator is not found, and chunk exceed the limit", overrun.getMessage());
            assertEquals(9, overrun.consumed());
            assertEquals("0123456789", s(await(reader.readexactly(10))), "the bytes stay in the buffer");

            reader.feedData(b("no end"));
            reader.feedEof();
            IncompleteReadError incomplete = assertThrows(IncompleteReadError.class, () -> await(reader.readuntil(b("\n"))));
            assertEquals("no end", s(incomplete.partial()));
            assertNull(incomplete.expected());
            assertEquals("6 bytes read on a total of None expected bytes", incomplete.getMessage());
            assertThrows(IllegalArgumentException.class, () -> reader.readuntil(new byte[0]));
        }));
    }

    @Test
    void readexactlyWaitsForAllTheBytesOrFailsWithThoseThatCame() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader(4);
            Task<byte[]> exactly = createTask(reader.readexactly(10));
            for (String part : new String[] {"abc", "defg", "hijkl"}) {
                await(sleep(0));
                reader.feedData(b(part));
            }
            assertEquals("abcdefghij", s(await(exactly)));
            reader.feedEof();
            IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> await(reader.readexactly(5)));
            assertEquals("kl", s(e.partial()));
            assertEquals(5, e.expected());
            assertEquals("2 bytes read on a total of 5 expected bytes", e.getMessage());
        }));
    }

    @Test
    void twoReadersAtOnceIsAnError() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader();
            Task<byte[]> first = createTask(reader.read(1));
            await(sleep(0));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(reader.readline()));
            assertTrue(e.getMessage().startsWith("readuntil() called while another coroutine is already waiting for incoming data"),
                    e.getMessage());
            first.cancel();
        }));
    }

    @Test
    void anExceptionReachesThePendingAndLaterReads() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader();
            Task<byte[]> pending = createTask(reader.read(1));
            await(sleep(0));
            RuntimeException broken = new RuntimeException("broken");
            reader.setException(broken);
            assertSame(broken, assertThrows(RuntimeException.class, () -> await(pending)));
            assertSame(broken, assertThrows(RuntimeException.class, () -> await(reader.readline())));
        }));
    }

    @Test
    void aReaderCanBeCancelledAndReadAgain() {
        Asyncio.run(async(() -> {
            StreamReader reader = new StreamReader();
            Task<byte[]> read = createTask(reader.read(1));
            await(sleep(0));
            read.cancel();
            await(sleep(0));
            reader.feedData(b("x"));
            assertArrayEquals(b("x"), await(reader.read(1)));
        }));
    }

    @Test
    void theLimitMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
        assertEquals("Limit cannot be <= 0, got 0", e.getMessage());
    }
}

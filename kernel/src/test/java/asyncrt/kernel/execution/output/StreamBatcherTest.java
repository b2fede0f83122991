package asyncrt.kernel.execution.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output is batched, ordered across streams, complete, and multi-byte characters survive being split. */
class StreamBatcherTest {

    private record Piece(String name, String text) {
    }

    @Test
    void keepsOrderAcrossStreamsAndJoinsNeighbours() {
        List<Piece> sent = new ArrayList<>();
        try (StreamBatcher batcher = new StreamBatcher((owner, name, text) -> sent.add(new Piece(name, text)))) {
            synchronized (batcher) { // hold the flusher off so that all writes land in one batch
                write(batcher, "stdout", "a");
                write(batcher, "stdout", "b");
                write(batcher, "stderr", "c");
                write(batcher, "stdout", "d");
            }
            batcher.flush();
        }
        assertEquals(List.of(new Piece("stdout", "ab"), new Piece("stderr", "c"), new Piece("stdout", "d")), sent);
    }

    @Test
    void splitCharactersAreJoined() {
        List<Piece> sent = new ArrayList<>();
        try (StreamBatcher batcher = new StreamBatcher((owner, name, text) -> sent.add(new Piece(name, text)))) {
            byte[] bytes = "é€😀".getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                batcher.write("stdout", new byte[] {b}, 0, 1);
                batcher.flush();
            }
        }
        assertEquals("é€😀", String.join("", sent.stream().map(Piece::text).toList()));
    }

    @Test
    void floodsAreCompleteAndBatched() throws Exception {
        List<Piece> sent = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        try (StreamBatcher batcher = new StreamBatcher((owner, name, text) -> {
            synchronized (sent) {
                sent.add(new Piece(name, text));
            }
        })) {
            for (int i = 0; i < 200_000; i++) {
                String line = "line " + i + "\n";
                expected.append(line);
                write(batcher, "stdout", line);
            }
            batcher.flush();
        }
        assertEquals(expected.toString(), String.join("", sent.stream().map(Piece::text).toList()));
        assertTrue(sent.size() < 1000, sent.size() + " pieces");
    }

    private static void write(StreamBatcher batcher, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        batcher.write(name, bytes, 0, bytes.length);
    }
}

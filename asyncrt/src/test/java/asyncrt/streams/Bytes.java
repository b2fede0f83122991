package asyncrt.streams;

import java.nio.charset.StandardCharsets;

/** Text to bytes and back, for the stream tests. */
final class Bytes {
    private Bytes() {}

    static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

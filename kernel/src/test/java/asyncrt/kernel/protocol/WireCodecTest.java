package asyncrt.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding, decoding and signature checks of the wire format. */
class WireCodecTest {

    private final WireCodec codec = new WireCodec(new MessageSigner("hmac-sha256", "secret"));

    @Test
    void roundTripKeepsIdentitiesPartsAndBuffers() throws Exception {
        Message message = message("execute_request", List.of("peer".getBytes(StandardCharsets.UTF_8)), List.of(new byte[] {1, 2}));
        Message back = codec.decode(codec.encode(message));
        assertEquals("execute_request", back.type());
        assertEquals("peer", new String(back.identities().getFirst(), StandardCharsets.UTF_8));
        assertEquals(message.content(), back.content());
        assertEquals(1, back.buffers().size());
    }

    @Test
    void signatureIsHmacSha256OfTheFourParts() {
        Message message = message("kernel_info_request", List.of(), List.of());
        List<byte[]> frames = codec.encode(message);
        String expected = new MessageSigner("hmac-sha256", "secret").sign(frames.get(2), frames.get(3), frames.get(4), frames.get(5));
        assertEquals(expected, new String(frames.get(1), StandardCharsets.US_ASCII));
        assertEquals(64, expected.length());
    }

    @Test
    void rejectsBadMissingAndReplayedSignatures() throws Exception {
        List<byte[]> frames = new ArrayList<>(codec.encode(message("kernel_info_request", List.of(), List.of())));
        List<byte[]> forged = new ArrayList<>(frames);
        forged.set(1, "f".repeat(64).getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(MalformedMessageException.class, () -> codec.decode(forged)).getMessage().contains("bad signature"));
        List<byte[]> unsigned = new ArrayList<>(frames);
        unsigned.set(1, new byte[0]);
        assertTrue(assertThrows(MalformedMessageException.class, () -> codec.decode(unsigned)).getMessage().contains("missing"));
        codec.decode(frames);
        assertTrue(assertThrows(MalformedMessageException.class, () -> codec.decode(frames)).getMessage().contains("replayed"));
        List<byte[]> tampered = new ArrayList<>(codec.encode(message("kernel_info_request", List.of(), List.of())));
        tampered.set(5, "{\"code\":\"evil\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedMessageException.class, () -> codec.decode(tampered));
    }

    @Test
    void rejectsMalformedFrames() {
        WireCodec unsigned = new WireCodec(new MessageSigner("hmac-sha256", ""));
        byte[] delimiter = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(empty)));
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(delimiter, new byte[0], empty)));
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(delimiter, new byte[0],
                "[1]".getBytes(StandardCharsets.UTF_8), empty, empty, empty)));
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(delimiter, new byte[0],
                empty, empty, empty, empty)), "a header without msg_type");
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(List.of(delimiter, new byte[0],
                "{\"msg_id\":\"1\",\"msg_type\":\"x\"}".getBytes(StandardCharsets.UTF_8), empty, empty, "nope".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void onlyHmacSha256IsAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new MessageSigner("hmac-md5", "k"));
    }

    private static Message message(String type, List<byte[]> identities, List<byte[]> buffers) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", java.util.UUID.randomUUID().toString());
        header.addProperty("msg_type", type);
        JsonObject content = new JsonObject();
        content.addProperty("code", "1 + 1");
        return new Message(identities, header, new JsonObject(), new JsonObject(), content, buffers);
    }
}

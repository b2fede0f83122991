package asyncrt.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ frames and back, per the Jupyter wire protocol:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}.
 * Decoding checks the signature before it parses anything.
 */
public final class WireCodec {

    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_HISTORY = 1 << 16;

    private final MessageSigner signer;
    private final DigestHistory history = new DigestHistory(DIGEST_HISTORY);

    /** @param signer signs outgoing and checks incoming messages */
    public WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    /** The frames for a message. */
    public List<byte[]> encode(Message message) {
        byte[] header = utf8(message.header());
        byte[] parent = utf8(message.parentHeader());
        byte[] metadata = utf8(message.metadata());
        byte[] content = utf8(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    /** The message in some frames; throws when the frames are not a well-formed, correctly signed message. */
    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("only " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, need a signature and 4 JSON parts");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (signer.enabled()) {
            if (signature.length == 0) {
                throw new MalformedMessageException("missing signature");
            }
            if (!signer.verify(signature, header, parent, metadata, content)) {
                throw new MalformedMessageException("bad signature");
            }
            if (!history.add(signature)) {
                throw new MalformedMessageException("replayed signature (a message already received)");
            }
        }
        JsonObject headerJson = object("header", header);
        for (String field : List.of("msg_id", "msg_type")) {
            JsonElement value = headerJson.get(field);
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new MalformedMessageException("header has no string " + field);
            }
        }
        return new Message(
                List.copyOf(frames.subList(0, delimiter)),
                headerJson,
                object("parent_header", parent),
                object("metadata", metadata),
                object("content", content),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private static JsonObject object(String part, byte[] frame) throws MalformedMessageException {
        try {
            JsonElement json = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw new MalformedMessageException(part + " is not a JSON object");
            }
            return json.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new MalformedMessageException(part + " is not valid JSON: " + e.getMessage());
        }
    }

    private static byte[] utf8(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package asyncrt.kernel.protocol;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** Makes the kernel's outgoing messages: fresh headers in this kernel's session, parented on a request. */
public final class MessageFactory {

    /** The messaging protocol version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.4";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String session = UUID.randomUUID().toString();

    /** A reply to a request on a ROUTER channel: it goes back to the request's identities. */
    public Message reply(Message request, String msgType, JsonObject content) {
        return new Message(request.identities(), header(msgType), request.header(), new JsonObject(), content, List.of());
    }

    /** A message published on IOPub (or sent on stdin) about a request; null parent for none. */
    public Message publish(Message parent, String msgType, JsonObject content) {
        List<byte[]> topic = List.of(("kernel." + session + "." + msgType).getBytes(StandardCharsets.UTF_8));
        return new Message(topic, header(msgType), parent == null ? new JsonObject() : parent.header(),
                new JsonObject(), content, List.of());
    }

    /** A request the kernel sends to the front end (an {@code input_request}), routed like a reply. */
    public Message request(Message parent, String msgType, JsonObject content) {
        return new Message(parent.identities(), header(msgType), parent.header(), new JsonObject(), content, List.of());
    }

    private JsonObject header(String msgType) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "kernel");
        header.addProperty("date", DATE.format(Instant.now()));
        header.addProperty("msg_type", msgType);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }
}

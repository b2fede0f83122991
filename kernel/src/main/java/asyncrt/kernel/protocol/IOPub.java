package asyncrt.kernel.protocol;

import asyncrt.kernel.protocol.content.Contents;
import com.google.gson.JsonObject;

/** Publishes on the IOPub channel, each message parented on the request it belongs to. Thread-safe. */
public final class IOPub {

    private final Channel channel;
    private final MessageFactory messages;

    /**
     * @param channel  the IOPub channel
     * @param messages makes headers in the kernel's session
     */
    public IOPub(Channel channel, MessageFactory messages) {
        this.channel = channel;
        this.messages = messages;
    }

    /** Publishes a message about a request (null for none). */
    public void publish(Message parent, String msgType, Record content) {
        publish(parent, msgType, Contents.write(content));
    }

    /** Publishes a message with JSON content. */
    public void publish(Message parent, String msgType, JsonObject content) {
        channel.send(messages.publish(parent, msgType, content));
    }

    /** Publishes the kernel's execution state: {@code starting}, {@code busy} or {@code idle}. */
    public void status(Message parent, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publish(parent, "status", content);
    }
}

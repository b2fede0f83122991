package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.Channel;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.MessageFactory;
import com.google.gson.JsonObject;

/** A request being handled, with the means to answer it on the channel it came from. */
public final class Request {

    private final Message message;
    private final Channel channel;
    private final MessageFactory messages;
    private boolean replied;

    Request(Message message, Channel channel, MessageFactory messages) {
        this.message = message;
        this.channel = channel;
        this.messages = messages;
    }

    /** The request message. */
    public Message message() {
        return message;
    }

    /** Sends the reply to this request. */
    public void reply(String msgType, JsonObject content) {
        channel.send(messages.reply(message, msgType, content));
        replied = true;
    }

    /** Whether a reply was sent. */
    boolean replied() {
        return replied;
    }

    /** The channel the request came on. */
    Channel channel() {
        return channel;
    }

    /** Makes the messages sent on the channel. */
    MessageFactory messages() {
        return messages;
    }
}

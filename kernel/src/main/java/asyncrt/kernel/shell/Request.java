package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.Channel;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.MessageFactory;
import asyncrt.kernel.protocol.content.Contents;
import asyncrt.kernel.protocol.content.Reply;
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

    /**
     * The request's content as its record.
     *
     * @throws IllegalArgumentException when a field has the wrong type (the dispatcher answers with an error)
     */
    public <T extends Record> T content(Class<T> type) {
        return Contents.read(message.content(), type);
    }

    /** Sends the reply to this request. */
    public void reply(Reply reply) {
        reply(reply.msgType(), Contents.write((Record) reply));
    }

    /** Sends the reply to this request, given as JSON content. */
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

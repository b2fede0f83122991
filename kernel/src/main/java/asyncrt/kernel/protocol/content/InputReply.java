package asyncrt.kernel.protocol.content;

/** {@code input_reply} on the stdin channel: the line the user typed when a cell read from {@code System.in}. */
public record InputReply(String value) {

    public InputReply {
        value = value == null ? "" : value;
    }
}

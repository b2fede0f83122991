package asyncrt.kernel.protocol.content;

/** The content of a reply: a record that knows the {@code msg_type} it is sent as. */
public interface Reply {

    /** The message type, e.g. {@code "kernel_info_reply"}. */
    String msgType();
}

package asyncrt.kernel.protocol.content;

/** {@code shutdown_reply}: sent before the kernel ends. */
public record ShutdownReply(String status, boolean restart) implements Reply {

    @Override
    public String msgType() {
        return "shutdown_reply";
    }
}

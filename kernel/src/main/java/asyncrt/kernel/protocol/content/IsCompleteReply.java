package asyncrt.kernel.protocol.content;

/** {@code is_complete_reply}: {@code complete}, {@code incomplete} (with the next line's {@code indent}),
 * {@code invalid} or {@code unknown}. */
public record IsCompleteReply(String status, String indent) implements Reply {

    @Override
    public String msgType() {
        return "is_complete_reply";
    }
}

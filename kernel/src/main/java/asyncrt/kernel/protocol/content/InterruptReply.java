package asyncrt.kernel.protocol.content;

/** {@code interrupt_reply}: the interrupt was delivered (what it did, the cell's own output says). */
public record InterruptReply(String status) implements Reply {

    @Override
    public String msgType() {
        return "interrupt_reply";
    }
}

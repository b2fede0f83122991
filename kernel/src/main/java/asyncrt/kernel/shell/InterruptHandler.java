package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.content.InterruptReply;

/** Answers {@code interrupt_request} (on the control channel, so it overtakes a running cell). */
public final class InterruptHandler implements RequestHandler {

    private final Interrupter interrupter;

    /** @param interrupter stops the running cell */
    public InterruptHandler(Interrupter interrupter) {
        this.interrupter = interrupter;
    }

    @Override
    public void handle(Request request) {
        interrupter.interrupt();
        request.reply(new InterruptReply("ok"));
    }
}

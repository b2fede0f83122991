package asyncrt.kernel.shell;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.content.CommInfoReply;
import asyncrt.kernel.protocol.content.CommMessage;
import com.google.gson.JsonObject;

/**
 * Answers the comm messages. The kernel opens no comms and has no comm targets, so {@code comm_info_request}
 * lists none, a {@code comm_open} is closed again at once (as the messaging specification asks for an unknown
 * target), and {@code comm_msg} and {@code comm_close} are logged and dropped.
 */
public final class CommHandler implements RequestHandler {

    private final IOPub iopub;

    /** @param iopub where the closing of refused comms is published */
    public CommHandler(IOPub iopub) {
        this.iopub = iopub;
    }

    @Override
    public void handle(Request request) {
        Message message = request.message();
        switch (message.type()) {
            case "comm_info_request" -> request.reply(new CommInfoReply("ok", new JsonObject()));
            case "comm_open" -> {
                CommMessage open = request.content(CommMessage.class);
                Log.info("no comm target '" + open.targetName() + "'; closing the comm");
                iopub.publish(message, "comm_close", new CommMessage(open.commId(), null, new JsonObject()));
            }
            default -> Log.info("ignoring " + message.type() + " for unknown comm "
                    + request.content(CommMessage.class).commId());
        }
    }
}

package asyncrt.kernel.shell;

import asyncrt.kernel.Log;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
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
            case "comm_info_request" -> {
                JsonObject content = new JsonObject();
                content.addProperty("status", "ok");
                content.add("comms", new JsonObject());
                request.reply("comm_info_reply", content);
            }
            case "comm_open" -> {
                Log.info("no comm target '" + message.contentString("target_name", "") + "'; closing the comm");
                JsonObject close = new JsonObject();
                close.addProperty("comm_id", message.contentString("comm_id", ""));
                close.add("data", new JsonObject());
                iopub.publish(message, "comm_close", close);
            }
            default -> Log.info("ignoring " + message.type() + " for unknown comm " + message.contentString("comm_id", "?"));
        }
    }
}

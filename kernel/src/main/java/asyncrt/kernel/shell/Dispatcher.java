package asyncrt.kernel.shell;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.protocol.Channel;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.MessageFactory;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes requests to their handlers by message type, with the kernel's status {@code busy} before and
 * {@code idle} after each. A handler that fails unexpectedly gets an error reply sent for it and the kernel
 * carries on; an unknown request type is logged and ignored, as ipykernel does.
 */
public final class Dispatcher {

    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final IOPub iopub;
    private final MessageFactory messages;

    /**
     * @param iopub    where status goes
     * @param messages makes reply headers
     */
    public Dispatcher(IOPub iopub, MessageFactory messages) {
        this.iopub = iopub;
        this.messages = messages;
    }

    /** Handles requests of a type with a handler (replacing any earlier one). */
    public void register(String msgType, RequestHandler handler) {
        handlers.put(msgType, handler);
    }

    /** Handles one request that came on a channel. */
    public void dispatch(Message message, Channel channel) {
        String type = message.type();
        RequestHandler handler = handlers.get(type);
        if (handler == null) {
            Log.warn("unknown message type '" + type + "' on " + channel.name() + ", ignored");
            return;
        }
        Request request = new Request(message, channel, messages);
        iopub.status(message, "busy");
        try {
            handler.handle(request);
        } catch (Exception | LinkageError | AssertionError e) {
            Log.error("handling " + type + " failed", e);
            if (!request.replied()) {
                request.reply(replyType(type), errorContent(e));
            }
        } finally {
            iopub.status(message, "idle");
        }
    }

    private static String replyType(String requestType) {
        return requestType.endsWith("_request") ? requestType.replace("_request", "_reply") : requestType + "_reply";
    }

    private static JsonObject errorContent(Throwable e) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", e.getClass().getName());
        content.addProperty("evalue", String.valueOf(e.getMessage()));
        JsonArray traceback = new JsonArray();
        traceback.add("the kernel failed to handle this request: " + e);
        content.add("traceback", traceback);
        return content;
    }
}

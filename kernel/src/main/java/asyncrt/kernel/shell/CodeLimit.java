package asyncrt.kernel.shell;

import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.util.Log;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The most code a request may carry. A longer {@code code} field (in an execute, complete, inspect or
 * is-complete request) is not compiled, analysed or stored: the request gets an error reply that says so, and an
 * execute request publishes the error too, as a failed cell does, so that the notebook shows it.
 */
final class CodeLimit {

    static final String ENAME = "CodeTooLong";

    private final int maxChars;

    /** @param maxChars the most characters of code taken */
    CodeLimit(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Answers a request whose code is too long with an error; returns whether it did. */
    boolean refused(Request request, IOPub iopub) {
        Message message = request.message();
        JsonElement code = message.content().get("code");
        if (code == null || !code.isJsonPrimitive() || !code.getAsJsonPrimitive().isString()) {
            return false;
        }
        int length = code.getAsString().length();
        if (length <= maxChars) {
            return false;
        }
        String evalue = "the code has " + megabytes(length) + " characters; the kernel takes at most "
                + megabytes(maxChars) + " (ASYNCRT_KERNEL_MAX_CODE_MB sets the limit)";
        Log.warn(message.type() + " refused: " + evalue);
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", ENAME);
        content.addProperty("evalue", evalue);
        JsonArray traceback = new JsonArray();
        traceback.add(ENAME + ": " + evalue);
        content.add("traceback", traceback);
        if (message.type().equals("execute_request")) {
            iopub.publish(message, "error", content.deepCopy());
            content.add("user_expressions", new JsonObject());
        }
        request.reply(message.type().replace("_request", "_reply"), content);
        return true;
    }

    private static String megabytes(long chars) {
        return String.format(java.util.Locale.ROOT, "%.1f M", chars / (double) (1 << 20));
    }
}

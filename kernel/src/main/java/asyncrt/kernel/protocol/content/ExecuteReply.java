package asyncrt.kernel.protocol.content;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * {@code execute_reply}: {@code ok} with the results of the request's user expressions, {@code error} with the
 * error's name, message and traceback (the same as the {@code error} message on IOPub), or {@code aborted} for a
 * request dropped because an earlier cell failed.
 */
public record ExecuteReply(String status, int executionCount, JsonArray payload, JsonObject userExpressions,
                           String ename, String evalue, List<String> traceback) implements Reply {

    public static ExecuteReply ok(int executionCount, JsonObject userExpressions) {
        return new ExecuteReply("ok", executionCount, new JsonArray(), userExpressions, null, null, null);
    }

    public static ExecuteReply error(int executionCount, ErrorContent error) {
        return new ExecuteReply("error", executionCount, null, null, error.ename(), error.evalue(), error.traceback());
    }

    public static ExecuteReply aborted(int executionCount) {
        return new ExecuteReply("aborted", executionCount, null, null, null, null, null);
    }

    @Override
    public String msgType() {
        return "execute_reply";
    }
}

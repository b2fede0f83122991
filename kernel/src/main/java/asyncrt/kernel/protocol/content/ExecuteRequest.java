package asyncrt.kernel.protocol.content;

import com.google.gson.JsonObject;

/**
 * {@code execute_request}: run {@code code}. A {@code silent} request shows no output and is not counted or kept
 * in the history; {@code storeHistory} and {@code stopOnError} default to true, as the specification says.
 */
public record ExecuteRequest(String code, boolean silent, Boolean storeHistory, JsonObject userExpressions,
                             boolean allowStdin, Boolean stopOnError) {

    public ExecuteRequest {
        code = code == null ? "" : code;
        storeHistory = !silent && (storeHistory == null || storeHistory);
        stopOnError = stopOnError == null || stopOnError;
    }
}

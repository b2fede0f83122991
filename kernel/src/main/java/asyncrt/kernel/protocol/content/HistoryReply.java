package asyncrt.kernel.protocol.content;

import com.google.gson.JsonArray;

/** {@code history_reply}: {@code [session, line, input]} or {@code [session, line, [input, output]]} entries. */
public record HistoryReply(String status, JsonArray history) implements Reply {

    @Override
    public String msgType() {
        return "history_reply";
    }
}

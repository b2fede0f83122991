package asyncrt.kernel.shell;

import asyncrt.kernel.history.HistoryStore;
import asyncrt.kernel.protocol.Message;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** Answers {@code history_request} (tail, range, search) from the history kept across sessions. */
public final class HistoryHandler implements RequestHandler {

    private final HistoryStore history;

    /** @param history the history */
    public HistoryHandler(HistoryStore history) {
        this.history = history;
    }

    @Override
    public void handle(Request request) {
        Message message = request.message();
        boolean output = message.contentFlag("output", false);
        List<HistoryStore.Entry> entries = switch (message.contentString("hist_access_type", "tail")) {
            case "range" -> history.range(message.contentInt("session", 0), message.contentInt("start", 0),
                    message.contentInt("stop", 0));
            case "search" -> history.search(message.contentString("pattern", "*"), message.contentInt("n", 0),
                    message.contentFlag("unique", false));
            default -> history.tail(message.contentInt("n", 10));
        };
        JsonArray items = new JsonArray();
        for (HistoryStore.Entry entry : entries) {
            JsonArray item = new JsonArray();
            item.add(entry.session());
            item.add(entry.line());
            if (output) {
                JsonArray inOut = new JsonArray();
                inOut.add(entry.input());
                inOut.add(entry.output());
                item.add(inOut);
            } else {
                item.add(entry.input());
            }
            items.add(item);
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", items);
        request.reply("history_reply", content);
    }
}

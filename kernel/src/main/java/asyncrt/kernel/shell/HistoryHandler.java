package asyncrt.kernel.shell;

import asyncrt.kernel.history.HistoryStore;
import asyncrt.kernel.protocol.content.HistoryReply;
import asyncrt.kernel.protocol.content.HistoryRequest;
import com.google.gson.JsonArray;
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
        HistoryRequest asked = request.content(HistoryRequest.class);
        List<HistoryStore.Entry> entries = switch (asked.histAccessType()) {
            case "range" -> history.range(asked.session(), asked.start(), asked.stop());
            case "search" -> history.search(asked.pattern(), asked.n(0), asked.unique());
            default -> history.tail(asked.n(10));
        };
        JsonArray items = new JsonArray();
        for (HistoryStore.Entry entry : entries) {
            JsonArray item = new JsonArray();
            item.add(entry.session());
            item.add(entry.line());
            if (asked.output()) {
                JsonArray inOut = new JsonArray();
                inOut.add(entry.input());
                inOut.add(entry.output());
                item.add(inOut);
            } else {
                item.add(entry.input());
            }
            items.add(item);
        }
        request.reply(new HistoryReply("ok", items));
    }
}

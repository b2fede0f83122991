package asyncrt.kernel.shell;

import asyncrt.kernel.editing.EditingHelp;
import asyncrt.kernel.editing.Inspection;
import com.google.gson.JsonObject;

/**
 * Answers {@code inspect_request} with the signature and documentation of what is under the cursor: Markdown
 * ({@code text/markdown}, the Javadoc rendered) and plain text ({@code text/plain}).
 */
public final class InspectHandler implements RequestHandler {

    private final EditingHelp editing;

    /** @param editing the editing help */
    public InspectHandler(EditingHelp editing) {
        this.editing = editing;
    }

    @Override
    public void handle(Request request) {
        String code = request.message().contentString("code", "");
        int cursor = request.message().contentInt("cursor_pos", code.codePointCount(0, code.length()));
        int detail = request.message().contentInt("detail_level", 0);
        Inspection inspection = editing.inspect(code, cursor, detail);
        JsonObject data = new JsonObject();
        if (inspection.found()) {
            data.addProperty("text/plain", inspection.plain());
            data.addProperty("text/markdown", inspection.markdown());
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("found", inspection.found());
        content.add("data", data);
        content.add("metadata", new JsonObject());
        request.reply("inspect_reply", content);
    }
}

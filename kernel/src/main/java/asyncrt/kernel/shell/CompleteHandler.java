package asyncrt.kernel.shell;

import asyncrt.kernel.editing.Completions;
import asyncrt.kernel.editing.EditingHelp;
import asyncrt.kernel.magics.MagicRegistry;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Answers {@code complete_request} with the editing help's completions, or magic names after a {@code %}. Each
 * match's kind and signature go in {@code metadata._jupyter_types_experimental}, in the order of the matches, as
 * ipykernel sends them (JupyterLab shows the kinds).
 */
public final class CompleteHandler implements RequestHandler {

    private final EditingHelp editing;
    private final MagicRegistry magics;

    /**
     * @param editing completion (JShell's once it has started, a quicker one before)
     * @param magics  the magics to complete after {@code %}
     */
    public CompleteHandler(EditingHelp editing, MagicRegistry magics) {
        this.editing = editing;
        this.magics = magics;
    }

    @Override
    public void handle(Request request) {
        String code = request.message().contentString("code", "");
        int cursor = request.message().contentInt("cursor_pos", code.codePointCount(0, code.length()));
        Completions completions = magicCompletions(code, cursor);
        if (completions == null) {
            completions = editing.complete(code, cursor);
        }
        JsonObject content = new JsonObject();
        JsonArray matches = new JsonArray();
        completions.matches().forEach(matches::add);
        content.add("matches", matches);
        content.addProperty("cursor_start", completions.cursorStart());
        content.addProperty("cursor_end", completions.cursorEnd());
        JsonArray types = new JsonArray();
        for (Completions.Match match : completions.types()) {
            JsonObject type = new JsonObject();
            type.addProperty("start", completions.cursorStart());
            type.addProperty("end", completions.cursorEnd());
            type.addProperty("text", match.text());
            type.addProperty("type", match.type());
            type.addProperty("signature", match.signature());
            types.add(type);
        }
        JsonObject metadata = new JsonObject();
        metadata.add("_jupyter_types_experimental", types);
        content.add("metadata", metadata);
        content.addProperty("status", "ok");
        request.reply("complete_reply", content);
    }

    /** Magic names when the cursor ends a {@code %name} or {@code %%name} at the start of a line. */
    private Completions magicCompletions(String code, int cursorCodePoints) {
        int cursor = code.offsetByCodePoints(0, Math.min(cursorCodePoints, code.codePointCount(0, code.length())));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor).stripLeading();
        if (!line.matches("%%?\\w*")) {
            return null;
        }
        boolean cell = line.startsWith("%%");
        String prefix = line.substring(cell ? 2 : 1);
        List<String> names = (cell ? magics.cellNames() : magics.lineNames()).stream()
                .filter(n -> n.startsWith(prefix))
                .toList();
        int start = code.codePointCount(0, cursor - prefix.length());
        List<Completions.Match> types = names.stream()
                .map(n -> new Completions.Match(n, "magic", (cell ? "%%" : "%") + n)).toList();
        return new Completions(names, start, code.codePointCount(0, cursor), types);
    }
}

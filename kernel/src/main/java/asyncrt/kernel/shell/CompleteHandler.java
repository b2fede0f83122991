package asyncrt.kernel.shell;

import asyncrt.kernel.execution.CodeAnalysis;
import asyncrt.kernel.magics.MagicRegistry;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/** Answers {@code complete_request} with JShell's completions, or magic names after a {@code %}. */
public final class CompleteHandler implements RequestHandler {

    private final Supplier<CodeAnalysis> analysis;
    private final MagicRegistry magics;

    /**
     * @param analysis code analysis, waited for on first use
     * @param magics   the magics to complete after {@code %}
     */
    public CompleteHandler(Supplier<CodeAnalysis> analysis, MagicRegistry magics) {
        this.analysis = analysis;
        this.magics = magics;
    }

    @Override
    public void handle(Request request) {
        String code = request.message().contentString("code", "");
        int cursor = request.message().contentInt("cursor_pos", code.codePointCount(0, code.length()));
        CodeAnalysis.Completions completions = magicCompletions(code, cursor);
        if (completions == null) {
            completions = analysis.get().complete(code, cursor);
        }
        JsonObject content = new JsonObject();
        JsonArray matches = new JsonArray();
        completions.matches().forEach(matches::add);
        content.add("matches", matches);
        content.addProperty("cursor_start", completions.cursorStart());
        content.addProperty("cursor_end", completions.cursorEnd());
        content.add("metadata", new JsonObject());
        content.addProperty("status", "ok");
        request.reply("complete_reply", content);
    }

    /** Magic names when the cursor ends a {@code %name} or {@code %%name} at the start of a line. */
    private CodeAnalysis.Completions magicCompletions(String code, int cursorCodePoints) {
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
        return new CodeAnalysis.Completions(names, start, code.codePointCount(0, cursor));
    }
}

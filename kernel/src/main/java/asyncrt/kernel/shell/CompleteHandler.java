package asyncrt.kernel.shell;

import asyncrt.kernel.editing.Completions;
import asyncrt.kernel.editing.EditingHelp;
import asyncrt.kernel.magics.MagicRegistry;
import asyncrt.kernel.protocol.content.CompleteReply;
import asyncrt.kernel.protocol.content.CompleteRequest;
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
        CompleteRequest asked = request.content(CompleteRequest.class);
        Completions completions = magicCompletions(asked.code(), asked.cursorPos());
        if (completions == null) {
            completions = editing.complete(asked.code(), asked.cursorPos());
        }
        int start = completions.cursorStart();
        int end = completions.cursorEnd();
        List<CompleteReply.TypedMatch> types = completions.types().stream()
                .map(m -> new CompleteReply.TypedMatch(start, end, m.text(), m.type(), m.signature()))
                .toList();
        request.reply(new CompleteReply("ok", completions.matches(), start, end, new CompleteReply.Metadata(types)));
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

package asyncrt.kernel.shell;

import asyncrt.kernel.editing.EditingHelp;
import asyncrt.kernel.editing.Inspection;
import asyncrt.kernel.protocol.content.InspectReply;
import asyncrt.kernel.protocol.content.InspectRequest;
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
        InspectRequest asked = request.content(InspectRequest.class);
        Inspection inspection = editing.inspect(asked.code(), asked.cursorPos(), asked.detailLevel());
        JsonObject data = new JsonObject();
        if (inspection.found()) {
            data.addProperty("text/plain", inspection.plain());
            data.addProperty("text/markdown", inspection.markdown());
        }
        request.reply(new InspectReply("ok", inspection.found(), data, new JsonObject()));
    }
}

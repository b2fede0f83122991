package asyncrt.kernel.shell;

import asyncrt.kernel.execution.CodeAnalysis;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.function.Supplier;

/** Answers {@code inspect_request} with the signature and documentation of what is under the cursor. */
public final class InspectHandler implements RequestHandler {

    private final Supplier<CodeAnalysis> analysis;

    /** @param analysis code analysis, waited for on first use */
    public InspectHandler(Supplier<CodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    @Override
    public void handle(Request request) {
        String code = request.message().contentString("code", "");
        int cursor = request.message().contentInt("cursor_pos", code.codePointCount(0, code.length()));
        Optional<String> text = analysis.get().inspect(code, cursor);
        JsonObject data = new JsonObject();
        text.ifPresent(t -> data.addProperty("text/plain", t));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("found", text.isPresent());
        content.add("data", data);
        content.add("metadata", new JsonObject());
        request.reply("inspect_reply", content);
    }
}

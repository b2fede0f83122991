package asyncrt.kernel.shell;

import asyncrt.kernel.execution.CodeAnalysis;
import com.google.gson.JsonObject;
import java.util.function.Supplier;

/** Answers {@code is_complete_request}: complete, incomplete (with the next line's indent) or invalid. */
public final class IsCompleteHandler implements RequestHandler {

    private final Supplier<CodeAnalysis> analysis;

    /** @param analysis code analysis, waited for on first use */
    public IsCompleteHandler(Supplier<CodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    @Override
    public void handle(Request request) {
        CodeAnalysis.Completeness completeness = analysis.get().isComplete(request.message().contentString("code", ""));
        JsonObject content = new JsonObject();
        content.addProperty("status", completeness.status());
        if (completeness.status().equals("incomplete")) {
            content.addProperty("indent", completeness.indent());
        }
        request.reply("is_complete_reply", content);
    }
}

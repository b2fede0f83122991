package asyncrt.kernel.shell;

import asyncrt.kernel.execution.CodeAnalysis;
import asyncrt.kernel.protocol.content.IsCompleteReply;
import asyncrt.kernel.protocol.content.IsCompleteRequest;
import java.util.function.Supplier;

/**
 * Answers {@code is_complete_request}: complete, incomplete (with the next line's indent) or invalid. A cell
 * magic ({@code %%time}, {@code %%timeline}) is incomplete until it has a body, as ipykernel answers for
 * {@code %%time}; with one, it is complete when its Java is, or when it ends with a blank line (how IPython's
 * console ends a cell magic, and how a body that is not Java, such as {@code %%loadFromPOM}'s, ends).
 */
public final class IsCompleteHandler implements RequestHandler {

    private final Supplier<CodeAnalysis> analysis;

    /** @param analysis code analysis, waited for on first use */
    public IsCompleteHandler(Supplier<CodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    @Override
    public void handle(Request request) {
        CodeAnalysis.Completeness completeness = completeness(request.content(IsCompleteRequest.class).code());
        boolean incomplete = completeness.status().equals("incomplete");
        request.reply(new IsCompleteReply(completeness.status(), incomplete ? completeness.indent() : null));
    }

    private CodeAnalysis.Completeness completeness(String code) {
        String cell = code.stripLeading();
        if (!cell.startsWith("%%")) {
            return analysis.get().isComplete(code);
        }
        int newline = cell.indexOf('\n');
        String body = newline < 0 ? "" : cell.substring(newline + 1);
        if (body.isBlank()) {
            return new CodeAnalysis.Completeness("incomplete", "");
        }
        if (body.contains("\n") && body.substring(body.lastIndexOf('\n') + 1).isBlank()) {
            return new CodeAnalysis.Completeness("complete", "");
        }
        CodeAnalysis.Completeness java = analysis.get().isComplete(body);
        return java.status().equals("invalid") ? new CodeAnalysis.Completeness("incomplete", "") : java;
    }
}

package asyncrt.kernel.execution;

import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Whether a cell is complete, as the front end asks without running it. (Completion and documentation are the
 * editing help's, in {@code asyncrt.kernel.editing}.)
 */
public final class CodeAnalysis {

    /**
     * Whether a cell is ready to run.
     *
     * @param status {@code complete}, {@code incomplete} or {@code invalid}
     * @param indent for incomplete code, the indentation of the next line
     */
    public record Completeness(String status, String indent) {
    }

    private final JShellEvaluator evaluator;

    /** @param evaluator the JShell whose analysis tells whether code is complete */
    public CodeAnalysis(JShellEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Whether the cell can run as it is. */
    public Completeness isComplete(String cell) {
        if (cell.stripLeading().startsWith("%")) {
            return new Completeness("complete", "");
        }
        List<SnippetSplitter.Piece> pieces = evaluator.splitter().split(cell);
        for (SnippetSplitter.Piece piece : pieces) {
            if (evaluator.analysis().analyzeCompletion(piece.raw()).completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
                return new Completeness("invalid", "");
            }
        }
        if (pieces.isEmpty() || pieces.getLast().complete()) {
            return new Completeness("complete", "");
        }
        return new Completeness("incomplete", "    ".repeat(Math.max(0, openBrackets(cell))));
    }

    private static int openBrackets(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
        }
        return depth;
    }
}

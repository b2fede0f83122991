package asyncrt.kernel.execution;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * What the front end asks about code without running it: completions, documentation of the name under the
 * cursor, and whether a cell is complete. Works on multi-line cells by finding the snippet the cursor is in.
 * Positions are in Unicode code points, as the messaging protocol counts them.
 */
public final class CodeAnalysis {

    /**
     * Completions at a cursor.
     *
     * @param matches     the possible completions of the text between start and end
     * @param cursorStart where the replaced text starts (code points)
     * @param cursorEnd   where it ends (code points)
     */
    public record Completions(List<String> matches, int cursorStart, int cursorEnd) {
    }

    /**
     * Whether a cell is ready to run.
     *
     * @param status {@code complete}, {@code incomplete} or {@code invalid}
     * @param indent for incomplete code, the indentation of the next line
     */
    public record Completeness(String status, String indent) {
    }

    private final JShellEvaluator evaluator;

    /** @param evaluator the JShell whose definitions completions know about */
    public CodeAnalysis(JShellEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Completions for the cursor in a cell. */
    public Completions complete(String cell, int cursorCodePoints) {
        int cursor = cell.offsetByCodePoints(0, Math.min(cursorCodePoints, cell.codePointCount(0, cell.length())));
        SnippetSplitter.Piece piece = pieceAt(cell, cursor);
        String snippet = cell.substring(piece.start(), cursor);
        int[] anchor = new int[1];
        List<Suggestion> suggestions = evaluator.analysis().completionSuggestions(snippet, snippet.length(), anchor);
        boolean anySmart = suggestions.stream().anyMatch(Suggestion::matchesType);
        List<String> matches = suggestions.stream()
                .filter(s -> !anySmart || s.matchesType())
                .map(Suggestion::continuation)
                .distinct()
                .toList();
        int start = piece.start() + anchor[0];
        return new Completions(matches, cell.codePointCount(0, start), cell.codePointCount(0, cursor));
    }

    /** Signatures and documentation of what is under the cursor, or empty when nothing is known there. */
    public Optional<String> inspect(String cell, int cursorCodePoints) {
        int cursor = cell.offsetByCodePoints(0, Math.min(cursorCodePoints, cell.codePointCount(0, cell.length())));
        cursor = extendOverIdentifier(cell, cursor);
        SnippetSplitter.Piece piece = pieceAt(cell, cursor);
        String snippet = cell.substring(piece.start(), cursor);
        List<Documentation> docs = evaluator.analysis().documentation(snippet, snippet.length(), true);
        if (docs.isEmpty() && !snippet.endsWith("(")) {
            // JShell documents a method from inside its call's parentheses; a bare name gets them added.
            docs = evaluator.analysis().documentation(snippet + "(", snippet.length() + 1, true);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(docs.stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature() : d.signature() + "\n\n" + d.javadoc().strip())
                .collect(Collectors.joining("\n\n")));
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

    /** The snippet holding the cursor: the last one starting at or before it. */
    private SnippetSplitter.Piece pieceAt(String cell, int cursor) {
        List<SnippetSplitter.Piece> pieces = evaluator.splitter().split(cell.substring(0, cursor));
        return pieces.isEmpty() ? new SnippetSplitter.Piece("", "", cursor, false) : pieces.getLast();
    }

    private static int extendOverIdentifier(String cell, int cursor) {
        int end = cursor;
        while (end < cell.length() && Character.isJavaIdentifierPart(cell.charAt(end))) {
            end++;
        }
        return end < cell.length() && cell.charAt(end) == '(' ? end + 1 : end;
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

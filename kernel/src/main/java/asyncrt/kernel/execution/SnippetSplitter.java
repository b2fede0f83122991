package asyncrt.kernel.execution;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time (statements, declarations, expressions), keeping
 * where each starts in the cell so that positions and line numbers can be reported against the cell.
 */
public final class SnippetSplitter {

    /**
     * One snippet of a cell.
     *
     * @param source   the snippet as JShell should get it (semicolon added where Java needs one)
     * @param raw      the snippet exactly as written in the cell
     * @param start    offset of the snippet's first character in the cell
     * @param complete false for trailing code that is unfinished or not Java
     */
    public record Piece(String source, String raw, int start, boolean complete) {

        /** Zero-based line of the cell on which this snippet starts (its comments included). */
        int firstLine(String cell) {
            return linesBefore(cell, start);
        }

        /** Zero-based line of the cell on which this snippet's code starts, after any comment lines before it. */
        int firstCodeLine(String cell) {
            return linesBefore(cell, start + CodeSpan.of(raw).start());
        }

        /** Whether the snippet's value is dropped: its code ends with {@code ;}, whatever comment follows. */
        boolean dropsValue() {
            return CodeSpan.endsWith(raw, ';');
        }

        private static int linesBefore(String cell, int offset) {
            return (int) cell.substring(0, Math.min(offset, cell.length())).chars().filter(c -> c == '\n').count();
        }
    }

    private final SourceCodeAnalysis analysis;

    /** @param analysis the JShell analysis that tells where a snippet ends */
    public SnippetSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** The cell's snippets in order; blank text between them is skipped. */
    public List<Piece> split(String cell) {
        List<Piece> pieces = new ArrayList<>();
        int at = skipBlank(cell, 0);
        while (at < cell.length()) {
            String rest = cell.substring(at);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            if (!completeness.isComplete() || info.source() == null) {
                pieces.add(new Piece(rest, rest, at, false));
                break;
            }
            int end = cell.length() - info.remaining().length();
            pieces.add(new Piece(info.source(), cell.substring(at, end), at, true));
            at = skipBlank(cell, end);
        }
        return pieces;
    }

    private static int skipBlank(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}

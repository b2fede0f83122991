package asyncrt.kernel.editing;

import java.util.List;

/**
 * What completes the text at a cursor.
 *
 * @param matches     the texts that may replace the text from cursorStart to cursorEnd
 * @param cursorStart where the replaced text starts (chars of the cell)
 * @param cursorEnd   where it ends (chars of the cell)
 * @param types       for each match, in the same order: its kind and signature
 */
public record Completions(List<String> matches, int cursorStart, int cursorEnd, List<Match> types) {

    /**
     * A match's kind, as ipykernel reports in {@code _jupyter_types_experimental}.
     *
     * @param text      the match
     * @param type      {@code method}, {@code field}, {@code variable}, {@code class}, {@code interface},
     *                  {@code enum}, {@code record}, {@code annotation}, {@code package}, {@code keyword} or
     *                  {@code magic}
     * @param signature the declaration, e.g. {@code String String.toUpperCase()} (overloads one a line), or ""
     */
    public record Match(String text, String type, String signature) {
    }

    /** No completions at the cursor. */
    static Completions none(int cursor) {
        return new Completions(List.of(), cursor, cursor, List.of());
    }
}

package asyncrt.kernel.editing;

import java.util.Set;

/**
 * The Java code of a cell, as the editing help reads it: magic lines are blanked out (replaced by spaces, so that
 * every offset stays the cell's own), a {@code %time} or {@code %timeit} line keeps its code, and the body of a
 * cell magic that runs Java ({@code %%time}, {@code %%timeit}, {@code %%timeline}, {@code %%live}) is Java.
 */
final class CellJava {

    /** Cell magics whose body is Java code. */
    private static final Set<String> JAVA_CELL_MAGICS = Set.of("time", "timeit", "timeline", "live");
    /** Line magics whose arguments are Java code (after options such as {@code -n 100}). */
    private static final Set<String> JAVA_LINE_MAGICS = Set.of("time", "timeit");

    private CellJava() {
    }

    /**
     * The cell with everything that is not Java replaced by spaces (newlines kept), or null when the cell is not
     * Java at all (the body of a cell magic such as {@code %%loadFromPOM}).
     */
    static String of(String cell) {
        StringBuilder java = new StringBuilder(cell.length());
        int at = 0;
        boolean first = true;
        while (at <= cell.length()) {
            int end = cell.indexOf('\n', at);
            if (end < 0) {
                end = cell.length();
            }
            String line = cell.substring(at, end);
            String stripped = line.stripLeading();
            int indent = line.length() - stripped.length();
            if (first && stripped.startsWith("%%")) {
                if (!JAVA_CELL_MAGICS.contains(nameOf(stripped.substring(2)))) {
                    return null;
                }
                java.append(" ".repeat(line.length()));
            } else if (isLineMagic(stripped)) {
                String name = nameOf(stripped.substring(1));
                int code = JAVA_LINE_MAGICS.contains(name) ? codeStart(stripped, name) : stripped.length();
                java.append(" ".repeat(indent + code)).append(stripped.substring(code));
            } else {
                java.append(line);
            }
            if (!stripped.isEmpty()) {
                first = false;
            }
            if (end == cell.length()) {
                break;
            }
            java.append('\n');
            at = end + 1;
        }
        return java.toString();
    }

    /** Where the code of a {@code %time}/{@code %timeit} line starts: after the name and any -x N options. */
    private static int codeStart(String line, String name) {
        int at = 1 + name.length();
        while (true) {
            int next = skipSpaces(line, at);
            if (next < line.length() - 1 && line.charAt(next) == '-' && Character.isLetter(line.charAt(next + 1))) {
                int end = next + 2;
                end = skipSpaces(line, end);
                while (end < line.length() && Character.isDigit(line.charAt(end))) {
                    end++;
                }
                at = end;
            } else {
                return next;
            }
        }
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    /** As the cell runner reads them: {@code %} then a letter, at the start of a line. */
    static boolean isLineMagic(String stripped) {
        return stripped.length() > 1 && stripped.charAt(0) == '%' && Character.isLetter(stripped.charAt(1));
    }

    private static String nameOf(String text) {
        int end = 0;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(0, end);
    }
}

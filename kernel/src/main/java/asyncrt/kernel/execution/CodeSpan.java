package asyncrt.kernel.execution;

/**
 * Where the code of a snippet begins and ends once its comments are left out: a snippet as JShell cuts it
 * keeps the comments around it ({@code // a note} on the lines before, {@code // quiet} after the semicolon),
 * yet whether a cell's value is shown depends on its last code character, as in IPython, and a warning names
 * the line its code starts on.
 *
 * <p>Comment markers inside string, character and text-block literals are text, not comments.
 *
 * @param start offset of the first code character, or the text's length when there is none
 * @param end   offset just after the last code character, or 0 when there is none
 */
record CodeSpan(int start, int end) {

    /** The span of the code in {@code text}, a snippet of Java. */
    static CodeSpan of(String text) {
        int first = -1;
        int last = -1;
        int at = 0;
        int length = text.length();
        while (at < length) {
            char c = text.charAt(at);
            int next;
            if (c == '/' && at + 1 < length && text.charAt(at + 1) == '/') {
                int newline = text.indexOf('\n', at);
                at = newline < 0 ? length : newline;
                continue;
            }
            if (c == '/' && at + 1 < length && text.charAt(at + 1) == '*') {
                int close = text.indexOf("*/", at + 2);
                at = close < 0 ? length : close + 2;
                continue;
            }
            if (Character.isWhitespace(c)) {
                at++;
                continue;
            }
            if (text.startsWith("\"\"\"", at)) {
                next = endOfLiteral(text, at + 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                next = endOfLiteral(text, at + 1, String.valueOf(c));
            } else {
                next = at + 1;
            }
            if (first < 0) {
                first = at;
            }
            last = next;
            at = next;
        }
        return first < 0 ? new CodeSpan(length, 0) : new CodeSpan(first, last);
    }

    /** Whether the code's last character is {@code ch}: for {@code ';'}, a snippet whose value is dropped. */
    static boolean endsWith(String text, char ch) {
        CodeSpan span = of(text);
        return span.end > 0 && text.charAt(span.end - 1) == ch;
    }

    /** The offset after a literal's closing {@code quote}, from {@code from} (just after the opening one). */
    private static int endOfLiteral(String text, int from, String quote) {
        int at = from;
        while (at < text.length()) {
            if (text.charAt(at) == '\\') {
                at += 2;
            } else if (text.startsWith(quote, at)) {
                return at + quote.length();
            } else {
                at++;
            }
        }
        return text.length();
    }
}

package asyncrt.kernel.editing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The text of a Javadoc comment with its inline tags ({@code {@code}}, {@code {@link}}, {@code {@literal}},
 * {@code {@snippet}}...), HTML ({@code <p>}, {@code <pre>}, lists, tables, emphasis, links) and entities,
 * rendered as Markdown or as plain text. One instance renders one text.
 */
final class JavadocInline {

    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("amp", "&"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("hellip", "…"), Map.entry("times", "×"),
            Map.entry("le", "≤"), Map.entry("ge", "≥"), Map.entry("ne", "≠"), Map.entry("copy", "©"),
            Map.entry("rarr", "→"), Map.entry("larr", "←"), Map.entry("middot", "·"), Map.entry("pi", "π"),
            Map.entry("infin", "∞"), Map.entry("plusmn", "±"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"));

    private final boolean markdown;
    private final Deque<StringBuilder> outputs = new ArrayDeque<>();
    private final Deque<String> lists = new ArrayDeque<>();
    private final Deque<Integer> numbers = new ArrayDeque<>();
    private int pre;
    private List<List<String>> table;
    private List<String> row;
    private String href;
    private int hrefStart;
    private boolean cellOpen;

    JavadocInline(boolean markdown) {
        this.markdown = markdown;
        outputs.push(new StringBuilder());
    }

    private StringBuilder out() {
        return outputs.peek();
    }

    String render(String text) {
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '{' && text.startsWith("{@", at)) {
                int end = closingBrace(text, at);
                inlineTag(text.substring(at + 2, end));
                at = Math.min(text.length(), end + 1);
            } else if (c == '<' && at + 1 < text.length() && (Character.isLetter(text.charAt(at + 1))
                    || text.charAt(at + 1) == '/' || text.charAt(at + 1) == '!')) {
                int end = text.indexOf('>', at);
                if (end < 0) {
                    literal("<");
                    at++;
                } else {
                    htmlTag(text.substring(at + 1, end));
                    at = end + 1;
                }
            } else if (c == '&') {
                int end = text.indexOf(';', at);
                String entity = end > at && end - at < 10 ? text.substring(at + 1, end) : null;
                String decoded = entity == null ? null : decode(entity);
                if (decoded != null) {
                    literal(decoded);
                    at = end + 1;
                } else {
                    literal("&");
                    at++;
                }
            } else {
                int next = at;
                while (next < text.length() && "{<&".indexOf(text.charAt(next)) < 0) {
                    next++;
                }
                if (next == at) {
                    next++;
                }
                literal(text.substring(at, next));
                at = next;
            }
        }
        while (outputs.size() > 1) {
            String inner = outputs.pop().toString();
            out().append(inner);
        }
        return tidy(out().toString());
    }

    /** Collapses the blank lines and the spaces around paragraph breaks. */
    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String decode(String entity) {
        if (entity.startsWith("#")) {
            try {
                int code = entity.startsWith("#x") || entity.startsWith("#X")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                return new String(Character.toChars(code));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return ENTITIES.get(entity);
    }

    /** Text of the comment: verbatim in a {@code <pre>}, else with its line breaks and runs of spaces collapsed. */
    private void literal(String text) {
        if (pre > 0) {
            out().append(text);
            return;
        }
        String collapsed = text.replaceAll("\\s+", " ");
        if (collapsed.startsWith(" ") && (out().isEmpty() || Character.isWhitespace(out().charAt(out().length() - 1)))) {
            collapsed = collapsed.substring(1);
        }
        out().append(markdown ? escape(collapsed) : collapsed);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\', '*', '`', '[', ']' -> escaped.append('\\').append(c);
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void codeSpan(String text) {
        if (pre > 0) {
            out().append(text);
        } else if (markdown) {
            out().append(Javadoc.code(text.replaceAll("\\s+", " ").strip()));
        } else {
            out().append(text.replaceAll("\\s+", " ").strip());
        }
    }

    private void inlineTag(String body) {
        int nameEnd = Javadoc.endOfWord(body, 0);
        String name = body.substring(0, nameEnd);
        String content = body.substring(nameEnd);
        String stripped = content.strip();
        switch (name) {
            case "code" -> codeSpan(content.startsWith(" ") ? content.substring(1) : content);
            case "literal" -> {
                if (pre > 0) {
                    out().append(content.startsWith(" ") ? content.substring(1) : content);
                } else {
                    literal(stripped);
                }
            }
            case "link", "linkplain" -> {
                int space = reference(stripped);
                String label = stripped.substring(space).strip();
                if (!label.isEmpty()) {
                    if (name.equals("link")) {
                        codeSpan(new JavadocInline(false).render(label));
                    } else {
                        out().append(new JavadocInline(markdown).render(label));
                    }
                } else {
                    codeSpan(readableReference(stripped.substring(0, space)));
                }
            }
            case "value" -> codeSpan(readableReference(stripped));
            case "inheritDoc", "docRoot" -> {
            }
            case "index", "summary" -> {
                int space = name.equals("index") ? Javadoc.endOfWord(stripped, 0) : 0;
                out().append(new JavadocInline(markdown).render(name.equals("index") ? stripped.substring(0, space) : stripped));
            }
            case "systemProperty" -> codeSpan(stripped);
            case "snippet" -> {
                int colon = content.indexOf(':');
                String code = colon < 0 ? "" : content.substring(colon + 1);
                codeBlock(code.replaceAll("\\s*//\\s*@(highlight|replace|link|start|end)\\b.*", ""));
            }
            default -> literal(stripped);
        }
    }

    /** The end of a {@code {@link}}'s reference: spaces inside its parentheses belong to it. */
    private static int reference(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (Character.isWhitespace(c) && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    /** {@code String#valueOf(int)} as {@code String.valueOf(int)}, {@code #foo} as {@code foo}. */
    private static String readableReference(String reference) {
        String readable = reference.startsWith("#") ? reference.substring(1) : reference.replace('#', '.');
        return readable.replaceAll("\\s+", " ");
    }

    private void codeBlock(String code) {
        List<String> lines = new ArrayList<>(List.of(code.split("\n", -1)));
        while (!lines.isEmpty() && lines.getFirst().isBlank()) {
            lines.removeFirst();
        }
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        int common = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> dedented = lines.stream().map(l -> l.isBlank() ? "" : l.substring(common)).toList();
        String block = String.join("\n", dedented);
        if (markdown) {
            String fence = block.contains("```") ? "~~~~" : "```";
            out().append("\n\n").append(fence).append("java\n").append(block).append('\n').append(fence).append("\n\n");
        } else {
            out().append("\n\n").append(Javadoc.indent(block, "        ")).append("\n\n");
        }
    }

    private void htmlTag(String tag) {
        if (tag.startsWith("!")) {
            return; // a comment
        }
        boolean closing = tag.startsWith("/");
        String body = closing ? tag.substring(1) : tag;
        int nameEnd = 0;
        while (nameEnd < body.length() && Character.isLetterOrDigit(body.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = body.substring(0, nameEnd).toLowerCase();
        if (pre > 0 && !name.equals("pre")) {
            return;  // emphasis inside code is dropped
        }
        switch (name) {
            case "p", "div" -> out().append(closing ? "" : "\n\n");
            case "br" -> out().append(markdown ? "  \n" : "\n");
            case "hr" -> out().append(markdown ? "\n\n---\n\n" : "\n\n");
            case "pre" -> {
                if (!closing) {
                    pre++;
                    outputs.push(new StringBuilder());
                } else if (pre > 0) {
                    pre--;
                    String code = outputs.pop().toString();
                    codeBlock(code);
                }
            }
            case "code", "tt", "kbd", "samp" -> {
                if (!closing) {
                    outputs.push(new StringBuilder());
                } else if (outputs.size() > 1) {
                    String inner = outputs.pop().toString();
                    String text = markdown ? unescape(inner) : inner;
                    codeSpan(text);
                }
            }
            case "b", "strong" -> out().append(markdown ? "**" : "");
            case "i", "em", "var", "cite", "dfn" -> out().append(markdown ? "*" : "");
            case "h1", "h2", "h3", "h4", "h5", "h6" -> out().append(closing ? "\n\n" : markdown ? "\n\n#### " : "\n\n");
            case "ul", "ol" -> {
                if (!closing) {
                    lists.push(name);
                    numbers.push(0);
                } else if (!lists.isEmpty()) {
                    lists.pop();
                    numbers.pop();
                }
                out().append("\n\n");
            }
            case "li" -> {
                if (!closing) {
                    String indent = "  ".repeat(Math.max(0, lists.size() - 1));
                    if ("ol".equals(lists.peek())) {
                        int number = numbers.pop() + 1;
                        numbers.push(number);
                        out().append('\n').append(indent).append(number).append(". ");
                    } else {
                        out().append('\n').append(indent).append("- ");
                    }
                }
            }
            case "dl" -> out().append("\n\n");
            case "dt" -> out().append(closing ? "" : markdown ? "\n\n**" : "\n\n").append(closing && markdown ? "**" : "");
            case "dd" -> out().append(closing ? "" : markdown ? "  \n" : "\n    ");
            case "blockquote" -> out().append("\n\n");
            case "a" -> {
                if (!closing) {
                    href = attribute(body, "href");
                    hrefStart = out().length();
                } else if (href != null) {
                    if (markdown && href.matches("https?://.*")) {
                        String label = out().substring(hrefStart);
                        out().setLength(hrefStart);
                        out().append('[').append(label).append("](").append(href).append(')');
                    } else if (href.matches("https?://.*")) {
                        out().append(" (").append(href).append(')');
                    }
                    href = null;
                }
            }
            case "table" -> {
                if (!closing) {
                    table = new ArrayList<>();
                } else if (table != null) {
                    endRow();
                    List<List<String>> rows = table;
                    table = null;
                    tableOut(rows);
                }
            }
            case "tr" -> {
                if (table != null) {
                    endRow();
                    if (!closing) {
                        row = new ArrayList<>();
                    }
                }
            }
            case "td", "th" -> {
                if (table != null) {
                    endCell();
                    if (!closing) {
                        if (row == null) {
                            row = new ArrayList<>();
                        }
                        outputs.push(new StringBuilder());
                        cellOpen = true;
                    }
                }
            }
            case "caption" -> {
                if (table != null) {
                    if (!closing) {
                        outputs.push(new StringBuilder());
                    } else if (outputs.size() > 1) {
                        outputs.pop();  // a table's caption is for screen readers in the JDK's docs
                    }
                }
            }
            default -> {
                // other tags (span, sup, thead, tbody, ...) carry no text of their own
            }
        }
    }

    private void endCell() {
        if (cellOpen && outputs.size() > 1) {
            String cell = outputs.pop().toString().strip().replace("|", "\\|").replaceAll("\\s*\n\\s*", " ");
            if (row != null) {
                row.add(cell);
            }
        }
        cellOpen = false;
    }

    private void endRow() {
        endCell();
        if (row != null) {
            if (!row.isEmpty()) {
                table.add(row);
            }
            row = null;
        }
    }

    private void tableOut(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        StringBuilder text = new StringBuilder("\n\n");
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = new ArrayList<>(rows.get(r));
            while (cells.size() < columns) {
                cells.add("");
            }
            if (markdown) {
                text.append("| ").append(String.join(" | ", cells)).append(" |\n");
                if (r == 0) {
                    text.append("|").append(" --- |".repeat(columns)).append('\n');
                }
            } else {
                text.append("    ").append(String.join(" | ", cells.stream().map(JavadocInline::unescape).toList())).append('\n');
            }
        }
        out().append(text).append('\n');
    }

    private static String unescape(String markdown) {
        return markdown.replaceAll("\\\\([\\\\*`\\[\\]|])", "$1").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String attribute(String tag, String name) {
        var matcher = java.util.regex.Pattern.compile(name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|(\\S+))",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(tag);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
    }
}

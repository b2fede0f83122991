package asyncrt.kernel.editing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A Javadoc comment (the text between {@code /**} and its end, as JShell or javac give it) rendered for reading:
 * as Markdown, or as plain text. Inline tags ({@code {@code}}, {@code {@link}}, {@code {@literal}},
 * {@code {@snippet}}...), the HTML Javadoc uses ({@code <p>}, {@code <pre>}, lists, tables, emphasis, links,
 * entities) and the block tags ({@code @param}, {@code @return}, {@code @throws}, {@code @see}, {@code @since},
 * {@code @deprecated}, {@code @apiNote}...) become Markdown, or text with no markup at all.
 */
final class Javadoc {

    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("amp", "&"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("hellip", "…"), Map.entry("times", "×"),
            Map.entry("le", "≤"), Map.entry("ge", "≥"), Map.entry("ne", "≠"), Map.entry("copy", "©"),
            Map.entry("rarr", "→"), Map.entry("larr", "←"), Map.entry("middot", "·"), Map.entry("pi", "π"),
            Map.entry("infin", "∞"), Map.entry("plusmn", "±"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"));
    private static final int PLAIN_WIDTH = 80;

    /** A block tag: {@code @param x text} is name "param", argument "x", text "text". */
    private record Tag(String name, String argument, String text) {
    }

    private final String description;
    private final List<Tag> tags;

    private Javadoc(String description, List<Tag> tags) {
        this.description = description;
        this.tags = tags;
    }

    /** Reads a comment's text. */
    static Javadoc parse(String comment) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int braces = 0;
        boolean pre = false;
        for (String line : comment.split("\n", -1)) {
            String stripped = line.strip();
            if (braces == 0 && !pre && stripped.length() > 1 && stripped.charAt(0) == '@'
                    && Character.isLetter(stripped.charAt(1))) {
                blocks.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '{') {
                    braces++;
                } else if (c == '}' && braces > 0) {
                    braces--;
                } else if (c == '<') {
                    String rest = line.substring(i).toLowerCase();
                    if (rest.startsWith("<pre")) {
                        pre = true;
                    } else if (rest.startsWith("</pre")) {
                        pre = false;
                    }
                }
            }
        }
        blocks.add(current.toString());
        List<Tag> tags = new ArrayList<>();
        for (String block : blocks.subList(1, blocks.size())) {
            String text = block.strip();
            int nameEnd = endOfWord(text, 1);
            String name = text.substring(1, nameEnd);
            String rest = text.substring(nameEnd).strip();
            String argument = "";
            if (name.equals("param") || name.equals("throws") || name.equals("exception") || name.equals("serialField")) {
                int argumentEnd = rest.startsWith("<") ? rest.indexOf('>') + 1 : endOfWord(rest, 0);
                argument = rest.substring(0, Math.max(0, argumentEnd));
                rest = rest.substring(Math.max(0, argumentEnd)).strip();
            }
            tags.add(new Tag(name, argument, rest));
        }
        return new Javadoc(blocks.getFirst(), tags);
    }

    /**
     * As Markdown.
     *
     * @param full with the notes for implementors ({@code @implSpec}, {@code @implNote}) too
     */
    String markdown(boolean full) {
        return render(true, full);
    }

    /** As plain text with no markup, paragraphs wrapped. */
    String plain(boolean full) {
        return render(false, full);
    }

    private String render(boolean markdown, boolean full) {
        StringBuilder out = new StringBuilder();
        for (Tag tag : tags) {
            if (tag.name().equals("deprecated")) {
                section(out, markdown ? "**Deprecated.** " + inline(tag.text(), true) : "Deprecated. " + inline(tag.text(), false));
            }
        }
        section(out, inline(description, markdown));
        for (Tag tag : tags) {
            if (tag.name().equals("apiNote")) {
                paragraph(out, markdown, "API Note", inline(tag.text(), markdown));
            }
        }
        list(out, markdown, "Type parameters", tags.stream().filter(t -> t.name().equals("param") && t.argument().startsWith("<")).toList());
        list(out, markdown, "Parameters", tags.stream().filter(t -> t.name().equals("param") && !t.argument().startsWith("<")).toList());
        for (Tag tag : tags) {
            if (tag.name().equals("return")) {
                paragraph(out, markdown, "Returns", inline(tag.text(), markdown));
            }
        }
        list(out, markdown, "Throws", tags.stream().filter(t -> t.name().equals("throws") || t.name().equals("exception")).toList());
        for (Tag tag : tags) {
            switch (tag.name()) {
                case "implSpec" -> {
                    if (full) {
                        paragraph(out, markdown, "Implementation Requirements", inline(tag.text(), markdown));
                    }
                }
                case "implNote" -> {
                    if (full) {
                        paragraph(out, markdown, "Implementation Note", inline(tag.text(), markdown));
                    }
                }
                default -> {
                }
            }
        }
        List<String> see = tags.stream().filter(t -> t.name().equals("see"))
                .map(t -> t.text().startsWith("\"") || t.text().startsWith("<") ? inline(t.text(), markdown)
                        : inline("{@link " + t.text() + "}", markdown))
                .toList();
        if (!see.isEmpty()) {
            paragraph(out, markdown, "See Also", String.join(", ", see));
        }
        for (Tag tag : tags) {
            if (tag.name().equals("since")) {
                paragraph(out, markdown, "Since", inline(tag.text(), markdown));
            }
        }
        String text = out.toString().strip();
        return markdown ? text : wrap(text);
    }

    private static void section(StringBuilder out, String text) {
        if (!text.isBlank()) {
            out.append(text.strip()).append("\n\n");
        }
    }

    private static void paragraph(StringBuilder out, boolean markdown, String title, String text) {
        if (markdown) {
            out.append("**").append(title).append("**  \n").append(text.strip()).append("\n\n");
        } else {
            out.append(title).append(":\n").append(indent(text.strip(), "    ")).append("\n\n");
        }
    }

    private void list(StringBuilder out, boolean markdown, String title, List<Tag> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append(markdown ? "**" + title + "**\n" : title + ":\n");
        for (Tag item : items) {
            String name = item.argument();
            String text = inline(item.text(), markdown).strip().replaceAll("\n\n+", "\n");
            if (markdown) {
                out.append("- ").append(code(name)).append(text.isEmpty() ? "" : " — " + text.replace("\n", "\n  ")).append('\n');
            } else {
                out.append("    ").append(name).append(text.isEmpty() ? "" : " - " + text.replace("\n", "\n      ")).append('\n');
            }
        }
        out.append('\n');
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix).replaceAll("(?m)^\\s+$", "");
    }

    /** Inline tags and HTML of a comment's text, rendered. */
    static String inline(String text, boolean markdown) {
        return new Inline(markdown).render(text);
    }

    /** A code span in Markdown, with enough backticks around it. */
    static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return text.isEmpty() ? "" : fence + pad + text + pad + fence;
    }

    private static int endOfWord(String text, int from) {
        int at = from;
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** Wraps the plain text's paragraphs (not its code, tables or list items) at {@value PLAIN_WIDTH} columns. */
    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() <= PLAIN_WIDTH || line.startsWith("        ") || line.contains(" | ")) {
                out.append(line).append('\n');
                continue;
            }
            String lead = line.substring(0, line.length() - line.stripLeading().length());
            String hanging = line.stripLeading().startsWith("- ") ? lead + "  " : lead;
            StringBuilder row = new StringBuilder(lead);
            for (String word : line.strip().split(" +")) {
                if (row.length() > lead.length() && row.length() + 1 + word.length() > PLAIN_WIDTH) {
                    out.append(row.toString().stripTrailing()).append('\n');
                    row.setLength(0);
                    row.append(hanging);
                }
                if (row.length() > hanging.length() || row.length() > lead.length()) {
                    row.append(' ');
                }
                row.append(word);
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** Renders text with inline tags and HTML. */
    private static final class Inline {
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

        Inline(boolean markdown) {
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
                out().append(code(text.replaceAll("\\s+", " ").strip()));
            } else {
                out().append(text.replaceAll("\\s+", " ").strip());
            }
        }

        private void inlineTag(String body) {
            int nameEnd = endOfWord(body, 0);
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
                            codeSpan(new Inline(false).render(label));
                        } else {
                            out().append(new Inline(markdown).render(label));
                        }
                    } else {
                        codeSpan(readableReference(stripped.substring(0, space)));
                    }
                }
                case "value" -> codeSpan(readableReference(stripped));
                case "inheritDoc", "docRoot" -> {
                }
                case "index", "summary" -> {
                    int space = name.equals("index") ? endOfWord(stripped, 0) : 0;
                    out().append(new Inline(markdown).render(name.equals("index") ? stripped.substring(0, space) : stripped));
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
                out().append("\n\n").append(indent(block, "        ")).append("\n\n");
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
                    text.append("    ").append(String.join(" | ", cells.stream().map(Javadoc.Inline::unescape).toList())).append('\n');
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
}

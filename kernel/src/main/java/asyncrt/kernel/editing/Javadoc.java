package asyncrt.kernel.editing;

import java.util.ArrayList;
import java.util.List;

/**
 * A Javadoc comment (the text between {@code /**} and its end, as JShell or javac give it) rendered for reading:
 * as Markdown, or as plain text. Inline tags ({@code {@code}}, {@code {@link}}, {@code {@literal}},
 * {@code {@snippet}}...), the HTML Javadoc uses ({@code <p>}, {@code <pre>}, lists, tables, emphasis, links,
 * entities) and the block tags ({@code @param}, {@code @return}, {@code @throws}, {@code @see}, {@code @since},
 * {@code @deprecated}, {@code @apiNote}...) become Markdown, or text with no markup at all.
 */
final class Javadoc {

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

    static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix).replaceAll("(?m)^\\s+$", "");
    }

    /** Inline tags and HTML of a comment's text, rendered. */
    static String inline(String text, boolean markdown) {
        return new JavadocInline(markdown).render(text);
    }

    /** A code span in Markdown, with enough backticks around it. */
    static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return text.isEmpty() ? "" : fence + pad + text + pad + fence;
    }

    static int endOfWord(String text, int from) {
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
}

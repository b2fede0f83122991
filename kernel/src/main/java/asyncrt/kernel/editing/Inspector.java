package asyncrt.kernel.editing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers inspection from JShell's documentation of what is at the cursor: each declaration's signature as a
 * header, then its Javadoc rendered. JShell reads the JDK's Javadoc from its src.zip; for asyncrt and the jars
 * cells added, the comment is read from their sources ({@link SourceDocs}). With detail level 1, the notes for
 * implementors and each declaration's source are shown too, as IPython's {@code ??} shows the source.
 */
final class Inspector {

    /** How long an inspection may wait for a sources jar being fetched. */
    private static final long SOURCES_WAIT_MILLIS = 4000;
    private static final int SOURCE_LINES = 60;

    private final SourceDocs sources;

    Inspector(SourceDocs sources) {
        this.sources = sources;
    }

    /** The inspection of what ends at a cursor (chars) of a cell's Java. */
    Inspection inspect(JShellEditing jshell, String java, int cursor, int detailLevel) {
        List<JShellEditing.Doc> docs = jshell.documentation(java, cursor);
        if (docs.isEmpty()) {
            return Inspection.none();
        }
        List<Path> classpath = jshell.evaluator().classpath().stream().map(Path::of).toList();
        StringBuilder markdown = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (JShellEditing.Doc doc : docs) {
            String comment = doc.javadoc();
            String source = "";
            String missing = null;
            Signature signature = Signature.parse(doc.signature());
            String type = signature.owner().isEmpty() ? "" : qualified(jshell, java, cursor, signature);
            if (!type.contains(".") && signature.isType()) {
                type = "";  // a type declared in the session has no package
            }
            if (comment == null || comment.isBlank() || detailLevel > 0) {
                Optional<SourceDocs.Found> found = type.isEmpty() ? Optional.empty()
                        : sources.find(type, signature, classpath, SOURCES_WAIT_MILLIS);
                if (comment == null || comment.isBlank()) {
                    comment = found.map(SourceDocs.Found::comment).orElse(null);
                }
                source = found.map(SourceDocs.Found::source).orElse("");
                if (comment == null || comment.isBlank()) {
                    missing = type.isEmpty() ? "declared in this session" : sources.whyNone(type, classpath);
                }
            }
            if (!markdown.isEmpty()) {
                markdown.append("\n\n---\n\n");
                plain.append("\n\n").append("-".repeat(40)).append("\n\n");
            }
            markdown.append("```java\n").append(doc.signature()).append("\n```\n\n");
            plain.append(doc.signature()).append("\n\n");
            if (missing != null) {
                markdown.append("*No documentation: ").append(missing).append(".*");
                plain.append("No documentation: ").append(missing).append(".");
            } else {
                Javadoc javadoc = Javadoc.parse(comment);
                markdown.append(javadoc.markdown(detailLevel > 0));
                plain.append(javadoc.plain(detailLevel > 0));
            }
            if (detailLevel > 0 && !source.isBlank()) {
                String shown = firstLines(source);
                markdown.append("\n\n**Source**\n\n```java\n").append(shown).append("\n```");
                plain.append("\n\nSource:\n").append(shown);
            }
        }
        return new Inspection(true, markdown.toString().strip(), plain.toString().strip());
    }

    /** The declaring type, fully qualified: a simple name is resolved in the cursor's scope. */
    private static String qualified(JShellEditing jshell, String java, int cursor, Signature signature) {
        String owner = signature.owner();
        String first = owner.contains(".") ? owner.substring(0, owner.indexOf('.')) : owner;
        if (!first.isEmpty() && Character.isLowerCase(first.charAt(0))) {
            return owner;  // already qualified
        }
        String resolved = jshell.resolve(java, cursor, first);
        if (resolved == null || resolved.contains(":") || resolved.contains("(")) {
            return owner;
        }
        if (resolved.contains(CellContext.CLASS) || !resolved.contains(".")) {
            return "";  // declared in the session (in a cell, or earlier in this one)
        }
        return Signature.eraseType(resolved) + owner.substring(first.length());
    }

    private static String firstLines(String source) {
        List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
        int indent = lines.stream().skip(1).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> dedented = new ArrayList<>();
        dedented.add(lines.getFirst());
        lines.stream().skip(1).map(l -> l.isBlank() ? "" : l.substring(Math.min(indent, l.length() - l.stripLeading().length())))
                .forEach(dedented::add);
        if (dedented.size() > SOURCE_LINES) {
            List<String> cut = new ArrayList<>(dedented.subList(0, SOURCE_LINES));
            cut.add("// ... " + (dedented.size() - SOURCE_LINES) + " more lines");
            return String.join("\n", cut);
        }
        return String.join("\n", dedented);
    }
}

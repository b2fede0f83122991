package asyncrt.kernel.execution.failures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;

/**
 * Where a line of JShell's generated code is in the user's cell. JShell compiles each snippet into a wrapper
 * class ({@code REPL.$JShell$12}, source file {@code $JShell$12.java}) around the snippet's text; the stack of a
 * suspended coroutine written in a cell shows such files and lines, which this maps back to the snippet and, by
 * {@link SnippetOrigins}, to the cell's own line.
 */
public final class WrapperLines {

    private static final Pattern WRAPPER_FILE = Pattern.compile("(\\$JShell\\$\\d+)\\.java");

    private final JShell shell;
    private final SnippetOrigins origins;
    private final Map<String, List<Snippet>> byClass = new HashMap<>();

    public WrapperLines(JShell shell, SnippetOrigins origins) {
        this.shell = shell;
        this.origins = origins;
    }

    /** The cell and line of line {@code line} of a wrapper's source file, if it is a snippet's code. */
    public Optional<CellPosition> of(String file, int line) {
        Matcher wrapper = file == null ? null : WRAPPER_FILE.matcher(file);
        if (wrapper == null || !wrapper.matches() || line <= 0) {
            return Optional.empty();
        }
        for (Snippet snippet : snippetsOf("REPL." + wrapper.group(1))) {
            SnippetOrigins.Origin origin = origins.of(snippet.id());
            int snippetLine = snippetLine(shell.sourceCodeAnalysis().wrapper(snippet), line);
            if (origin != null && snippetLine > 0) {
                return Optional.of(new CellPosition(origin.label(), origin.cellLine(snippetLine)));
            }
        }
        return Optional.empty();
    }

    /** Where the code of the snippet compiled into a wrapper class (e.g. {@code $JShell$12}) starts, if it is a cell's. */
    public Optional<CellPosition> ofClass(String simpleName) {
        for (Snippet snippet : snippetsOf("REPL." + simpleName)) {
            SnippetOrigins.Origin origin = origins.of(snippet.id());
            if (origin != null) {
                return Optional.of(new CellPosition(origin.label(), origin.statementLine()));
            }
        }
        return Optional.empty();
    }

    /** The snippets compiled into a wrapper class; the index is rebuilt when a class is not in it yet. */
    private synchronized List<Snippet> snippetsOf(String className) {
        List<Snippet> known = byClass.get(className);
        if (known == null) {
            byClass.clear();
            shell.snippets().forEach(s -> byClass.computeIfAbsent(shell.sourceCodeAnalysis().wrapper(s).fullClassName(),
                    c -> new ArrayList<>()).add(s));
            known = byClass.getOrDefault(className, List.of());
        }
        return known;
    }

    /** The one-based line of the snippet's source that a wrapper line shows, or 0 if it shows none of it. */
    private static int snippetLine(SnippetWrapper wrapper, int wrappedLine) {
        String wrapped = wrapper.wrapped();
        int at = 0;
        for (int l = 1; l < wrappedLine && at >= 0; l++) {
            at = wrapped.indexOf('\n', at) + 1;
            if (at == 0) {
                return 0;
            }
        }
        int end = wrapped.indexOf('\n', at);
        for (int pos = at; pos < (end < 0 ? wrapped.length() : end); pos++) {
            int source = wrapper.wrappedToSourcePosition(pos);
            if (source >= 0) {
                return (int) wrapper.source().substring(0, Math.min(source, wrapper.source().length())).chars().filter(c -> c == '\n').count() + 1;
            }
        }
        return 0;
    }
}

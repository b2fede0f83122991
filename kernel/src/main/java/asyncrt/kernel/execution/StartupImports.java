package asyncrt.kernel.execution;

import asyncrt.kernel.util.Log;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.Snippet.Status;
import jdk.jshell.SnippetEvent;

/**
 * The session's start-up imports (the {@link Preamble}'s), given to JShell as one snippet, and given again when a
 * learner's import replaces that snippet.
 *
 * <p>JShell puts an import snippet's whole text before every snippet it compiles later, so several imports given
 * as one snippet all take effect, for one compilation instead of one each. At start-up, before the JIT has
 * compiled javac, a compilation costs tens of milliseconds: the kernel's 35 imports took 0.7–1.2 s one by one and
 * about 0.45 s as one snippet, on a 2-core machine.
 *
 * <p>JShell knows that snippet by its first import alone. A learner's import of the same name replaces it, and
 * with it the others; {@link #restoreIfReplaced} gives them again. The {@link Preamble} puts first an import a
 * learner has no reason to write (a display function), so that this stays rare. If JShell rejects the snippet,
 * the imports are given one by one, so that one that cannot be resolved costs only itself.
 *
 * <p>JShell writes a type's simple name in the signatures it documents when an import snippet names the type or
 * its package; one snippet names only its first import, so {@link #shorten} does that for the others.
 */
final class StartupImports {

    private static final Pattern IMPORT = Pattern.compile("import\\s+([\\w.]+?)(\\.\\*)?\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z_]\\w*\\.)+)([A-Z]\\w*)");

    private final JShell shell;
    private final String source;
    private final Set<String> packages = new HashSet<>(Set.of("java.lang"));
    private final Map<String, String> types = new HashMap<>();
    private Snippet snippet;

    StartupImports(JShell shell, List<String> imports) {
        this.shell = shell;
        this.source = String.join(" ", imports);
        for (String line : imports) {
            Matcher m = IMPORT.matcher(line);
            if (m.matches() && m.group(2) != null) {
                packages.add(m.group(1));
            } else if (m.matches()) {
                types.put(m.group(1).substring(m.group(1).lastIndexOf('.') + 1), m.group(1));
            }
        }
        List<SnippetEvent> events = shell.eval(source);
        if (events.size() == 1 && events.getFirst().status() == Status.VALID) {
            snippet = events.getFirst().snippet();
            return;
        }
        Log.warn("the start-up imports as one snippet were " + (events.isEmpty() ? "ignored" : events.getFirst().status())
                + "; giving them one by one");
        for (String line : imports) {
            List<SnippetEvent> one = shell.eval(line);
            if (one.isEmpty() || one.getFirst().status() != Status.VALID) {
                Log.warn("a start-up import failed: " + line);
            }
        }
    }

    /**
     * Writes each type the start-up imports make visible by its simple name, as JShell does for the types its
     * import snippets name, unless another imported type or one of {@code declared} (the session's own types)
     * has that simple name.
     */
    String shorten(String text, Set<String> declared) {
        Matcher m = QUALIFIED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String pkg = m.group(1).substring(0, m.group(1).length() - 1);
            String simple = m.group(2);
            String full = pkg + "." + simple;
            boolean visible = full.equals(types.get(simple)) || packages.contains(pkg) && !types.containsKey(simple);
            m.appendReplacement(out, Matcher.quoteReplacement(visible && !declared.contains(simple) ? simple : full));
        }
        return m.appendTail(out).toString();
    }

    /** Gives the start-up imports again if a snippet among {@code events} (a learner's import) replaced them. */
    void restoreIfReplaced(List<SnippetEvent> events) {
        if (snippet == null || events.stream().noneMatch(e -> e.snippet() instanceof ImportSnippet)
                || shell.status(snippet).isActive()) {
            return;
        }
        List<SnippetEvent> again = shell.eval(source);
        boolean given = again.size() == 1 && again.getFirst().status() == Status.VALID;
        snippet = given ? again.getFirst().snippet() : null;
        Log.debug("a learner's import replaced the start-up imports; given again: "
                + (again.isEmpty() ? "ignored" : again.getFirst().status()));
    }
}

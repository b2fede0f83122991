package asyncrt;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/** JShell cells for tests: a shell that runs in this JVM with asyncrt on its class path, as the kernel's does. */
public final class JShellCells {
    private JShellCells() {}

    /** A JShell running its snippets in this JVM, able to compile against asyncrt. */
    public static JShell localShell() {
        JShell shell = JShell.builder().executionEngine("local").build();
        shell.addToClasspath(asyncrtClasses().toString());
        return shell;
    }

    /** Where asyncrt's classes are (a folder or a jar). */
    public static Path asyncrtClasses() {
        try {
            return Path.of(Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evaluates one cell and returns the value of its last snippet; fails with JShell's diagnostics or the cell's exception. */
    public static String eval(JShell shell, String code) {
        List<SnippetEvent> events = shell.eval(code);
        for (SnippetEvent event : events) {
            if (event.exception() != null) {
                throw new AssertionError(code + " threw " + event.exception(), event.exception());
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw new AssertionError(code + " was rejected: "
                        + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
            }
        }
        return events.isEmpty() ? null : events.get(events.size() - 1).value();
    }
}

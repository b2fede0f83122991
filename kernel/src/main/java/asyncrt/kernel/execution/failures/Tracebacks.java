package asyncrt.kernel.execution.failures;

import asyncrt.internal.FoldedTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns what JShell reports (compiler diagnostics, exceptions thrown by cells) into {@link CellFailure}s whose
 * tracebacks name cells and cell lines instead of JShell's snippet numbers and wrapper classes.
 */
public final class Tracebacks {

    /** Deep recursion repeats one frame thousands of times; show this many, then a count. */
    private static final int MAX_REPEATS = 3;
    private static final int MAX_FRAMES = 60;

    private final SnippetOrigins origins;

    public Tracebacks(SnippetOrigins origins) {
        this.origins = origins;
    }

    /** A compile error: the offending line of the cell with a caret under the error, and javac's message. */
    public CellFailure compilation(List<Diag> errors, String source, SnippetOrigins.Origin origin) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : errors) {
            String message = cleanMessage(diag.getMessage(Locale.ROOT));
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int snippetLine = (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
            int width = (int) Math.max(1, Math.min(diag.getEndPosition(), lineStart + line.length()) - position);
            lines.add(origin.label() + ", line " + origin.cellLine(snippetLine) + ":");
            lines.add("    " + line);
            lines.add("    " + " ".repeat(position - lineStart) + "^".repeat(width));
            message.lines().forEach(l -> lines.add(l));
        }
        lines.addFirst("CompilationError: " + first);
        return new CellFailure("CompilationError", first == null ? "the cell does not compile" : first, lines);
    }

    /** An exception thrown while a snippet ran, with its causes. */
    public CellFailure exception(JShellException thrown, String unresolvedDetail) {
        if (thrown instanceof UnresolvedReferenceException) {
            String message = unresolvedDetail;
            return new CellFailure("UnresolvedReference", message, List.of("UnresolvedReference: " + message));
        }
        EvalException top = (EvalException) thrown;
        String ename = top.getExceptionClassName();
        String evalue = top.getMessage() == null ? "" : top.getMessage();
        List<String> lines = new ArrayList<>();
        Throwable current = top;
        String prefix = "";
        while (current != null) {
            String name = current instanceof EvalException e ? e.getExceptionClassName() : current.getClass().getName();
            lines.add(prefix + name + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            addFrames(current.getStackTrace(), lines);
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new CellFailure(ename, evalue, lines);
    }

    private void addFrames(StackTraceElement[] frames, List<String> lines) {
        int shown = 0;
        for (int i = 0; i < frames.length; i++) {
            int machinery = 0;
            while (i > 0 && i + machinery < frames.length && FoldedTrace.isMachinery(frames[i + machinery])) {
                machinery++;  // how asyncrt, a continuation or reflection got from one frame of the reader's to the next
            }
            if (machinery > 0) {
                lines.add("    ... " + machinery + (machinery == 1 ? " frame" : " frames") + " of asyncrt and the JDK");
                i += machinery - 1;
                continue;
            }
            int repeats = 1;
            while (i + repeats < frames.length && frames[i + repeats].equals(frames[i])) {
                repeats++;
            }
            for (int r = 0; r < Math.min(repeats, MAX_REPEATS); r++) {
                lines.add("    at " + describe(frames[i]));
            }
            if (repeats > MAX_REPEATS) {
                lines.add("    ... the same frame " + (repeats - MAX_REPEATS) + " more times");
            }
            i += repeats - 1;
            if (++shown >= MAX_FRAMES && i < frames.length - 1) {
                lines.add("    ... " + (frames.length - i - 1) + " more frames");
                return;
            }
        }
    }

    private String describe(StackTraceElement frame) {
        SnippetOrigins.Origin origin = origins.ofFile(frame.getFileName());
        if (origin == null) {
            return frame.toString();
        }
        String where = origin.label() + ", line " + origin.cellLine(frame.getLineNumber());
        String method = frame.getMethodName();
        String type = frame.getClassName();
        if (method.isEmpty() || method.startsWith("lambda$do_it$")) {
            return (method.isEmpty() ? "" : "<lambda> ") + "(" + where + ")";
        }
        return (type.isEmpty() ? "" : type + ".") + JavacNames.declaredName(method) + " (" + where + ")";
    }

    /** javac names the snippet wrapper as an empty class; drop that noise. */
    private static String cleanMessage(String message) {
        return message.lines()
                .filter(line -> !line.strip().equals("location: class"))
                .reduce((a, b) -> a + "\n" + b)
                .orElse(message);
    }
}

package asyncrt.kernel.editing;

import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.util.Log;
import java.util.function.Supplier;

/**
 * The kernel's editing help: completion ({@code complete_request}) and inspection ({@code inspect_request}, what
 * Shift-Tab shows). Both read the whole cell up to the cursor, with the cell's earlier declarations in scope as if
 * they had run ({@link CellContext}); magic lines are skipped ({@link CellJava}). Until JShell has started, a
 * cheaper completion answers at once ({@link QuickCompleter}). Positions are in Unicode code points, as the
 * messaging protocol counts them. Called from the shell thread, as JShell must be.
 */
public final class EditingHelp {

    private final Supplier<JShellEvaluator> evaluatorIfReady;
    private final QuickCompleter quick = new QuickCompleter();
    private final Inspector inspector = new Inspector(new SourceDocs(new SourcesResolver()));
    private JShellEditing jshell;

    /** @param evaluatorIfReady the JShell once it has started, else null (never waits) */
    public EditingHelp(Supplier<JShellEvaluator> evaluatorIfReady) {
        this.evaluatorIfReady = evaluatorIfReady;
    }

    /** Completions at a cursor (code points) of a cell. */
    public Completions complete(String cell, int cursorCodePoints) {
        int cursor = toChars(cell, cursorCodePoints);
        String java = CellJava.of(cell);
        if (java == null) {
            return Completions.none(cursorCodePoints);
        }
        JShellEditing ready = jshell();
        Completions completions;
        if (ready == null) {
            completions = quick.complete(java, cursor);
        } else {
            try {
                completions = ready.complete(java, cursor);
            } catch (RuntimeException e) {
                Log.debug("JShell's completion failed: " + e);
                completions = quick.complete(java, cursor);
            }
        }
        return new Completions(completions.matches(), cell.codePointCount(0, completions.cursorStart()),
                cell.codePointCount(0, completions.cursorEnd()), completions.types());
    }

    /**
     * The inspection of what is at a cursor (code points) of a cell: the name the cursor is in or after, or the
     * call whose parentheses it is in.
     */
    public Inspection inspect(String cell, int cursorCodePoints, int detailLevel) {
        int cursor = extendOverIdentifier(cell, toChars(cell, cursorCodePoints));
        String java = CellJava.of(cell);
        if (java == null) {
            return Inspection.none();
        }
        JShellEditing ready = jshell();
        if (ready == null) {
            return quick.inspect(java, stripParenthesis(java, cursor));
        }
        try {
            return inspector.inspect(ready, java, cursor, detailLevel);
        } catch (RuntimeException e) {
            Log.debug("inspection failed: " + e);
            return Inspection.none();
        }
    }

    private JShellEditing jshell() {
        if (jshell == null) {
            JShellEvaluator evaluator = evaluatorIfReady.get();
            if (evaluator != null) {
                jshell = new JShellEditing(evaluator);
            }
        }
        return jshell;
    }

    private static int toChars(String cell, int codePoints) {
        return cell.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, cell.codePointCount(0, cell.length()))));
    }

    /** The cursor moved to the end of the name it is in, and past a {@code (} right after it. */
    private static int extendOverIdentifier(String cell, int cursor) {
        int end = cursor;
        while (end < cell.length() && Character.isJavaIdentifierPart(cell.charAt(end))) {
            end++;
        }
        return end < cell.length() && cell.charAt(end) == '(' ? end + 1 : end;
    }

    private static int stripParenthesis(String java, int cursor) {
        return cursor > 0 && java.charAt(cursor - 1) == '(' ? cursor - 1 : cursor;
    }
}

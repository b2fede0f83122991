package asyncrt.kernel.execution;

import asyncrt.coroutines.Coroutine;
import asyncrt.kernel.execution.failures.SnippetOrigins;

/**
 * The forgotten {@code await}: a statement {@code download("x");} calls a coroutine function and drops the
 * coroutine it returns. Python destroys that coroutine at once and warns; JShell would keep it alive in a
 * temporary variable ({@code $14}), so the warning would never come. A statement whose value is dropped (it ends
 * with {@code ;}) and is a coroutine nobody started is therefore reported right away, in Python's words, and
 * the coroutine is closed, as Python's is destroyed.
 */
final class DroppedCoroutine {

    private DroppedCoroutine() {
    }

    /** Reports and closes {@code value} if it is a coroutine that was never started. */
    static void check(Value value, SnippetOrigins.Origin origin) {
        if (value.known() && value.object() instanceof Coroutine<?> coroutine && coroutine.unclaimed()) {
            System.err.println(origin.label() + ", line " + origin.statementLine() + ": RuntimeWarning: coroutine '"
                    + coroutine.getName() + "' was never awaited");
            coroutine.close();
        }
    }
}

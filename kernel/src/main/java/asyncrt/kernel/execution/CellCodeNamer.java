package asyncrt.kernel.execution;

import asyncrt.coroutines.CodeNamer;
import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.failures.JavacNames;
import java.util.Optional;

/**
 * Names code written in cells as the learner knows it. JShell compiles a cell's statements into a method
 * {@code do_it} of a wrapper class {@code REPL.$JShell$12}; a lambda written among them would show as
 * {@code do_it} or {@code $JShell$12.<lambda>()}, and is shown as {@code <lambda> (In [3], line 2)} instead
 * (the line where its statement starts). A lambda inside a method the cell declares keeps that method's name.
 */
final class CellCodeNamer implements CodeNamer {

    private static final String WRAPPER_PREFIX = "REPL.$JShell$";

    private final JShellEvaluator jshell;

    CellCodeNamer(JShellEvaluator jshell) {
        this.jshell = jshell;
    }

    @Override
    public String nameOf(String className, String methodName) {
        if (className == null || !className.startsWith(WRAPPER_PREFIX) || !isCellLevel(methodName)) {
            return null;
        }
        String wrapper = className.substring("REPL.".length());
        int nested = wrapper.indexOf('$', "$JShell$".length());
        Optional<CellPosition> where = jshell.cellOfWrapper(nested < 0 ? wrapper : wrapper.substring(0, nested));
        return where.map(p -> "<lambda> (" + p.cell() + ", line " + p.line() + ")").orElse("<lambda>");
    }

    @Override
    public String describeFrame(StackTraceElement frame) {
        if (!frame.getClassName().startsWith(WRAPPER_PREFIX)) {
            return null;
        }
        String method = frame.getMethodName();
        String name = method.startsWith("do_it") ? "<cell>" : isCellLevel(method) ? "<lambda>" : JavacNames.declaredName(method);
        return jshell.cellPosition(frame.getFileName(), frame.getLineNumber())
                .map(p -> name + " (" + p.cell() + ", line " + p.line() + ")")
                .orElse(null);
    }

    /** Whether code is a cell's own statements, or a lambda written among them (not inside a declared method). */
    private static boolean isCellLevel(String methodName) {
        if (methodName == null || methodName.startsWith("do_it")) {
            return true;
        }
        if (!methodName.startsWith("lambda$")) {
            return false;
        }
        String enclosing = methodName.substring("lambda$".length());
        return enclosing.startsWith("do_it$") || enclosing.startsWith("static$") || enclosing.startsWith("new$");
    }
}

package asyncrt.kernel.execution.failures;

/** How javac names the methods of a cell's code, read back into the names the learner wrote. */
public final class JavacNames {

    private JavacNames() {}

    /** The method a cell declared that a frame's method is, or is a lambda in ({@code lambda$half$0} is in half). */
    public static String declaredName(String method) {
        if (!method.startsWith("lambda$")) {
            return method;
        }
        int end = method.indexOf('$', "lambda$".length());
        return end < 0 ? method : method.substring("lambda$".length(), end);
    }
}

package asyncrt.coroutines;

/**
 * Names code that a host compiled for its user, wherever asyncrt shows the name of a coroutine's body or a
 * callback. The Jupyter kernel's cells are compiled by JShell into wrapper classes with a method {@code do_it}
 * for a cell's own statements; without a namer a lambda written at a cell's top level would be called
 * {@code do_it} or {@code $JShell$12.<lambda>()}, with one it is {@code <lambda> (In [3], line 2)}.
 * Install one with {@link Coroutine#nameCodeWith}.
 */
@FunctionalInterface
public interface CodeNamer {

    /**
     * @param className  the class the code was compiled into, e.g. {@code REPL.$JShell$12}
     * @param methodName the method javac compiled a lambda into ({@code lambda$do_it$0}), or null when only the
     *                   class is known (a callback's lambda)
     * @return the name to show, or null to keep asyncrt's own
     */
    String nameOf(String className, String methodName);

    /**
     * Describes a stack frame of the host's code as its user knows it, e.g. {@code download (In [3], line 2)};
     * null (the default) keeps the JVM's description.
     */
    default String describeFrame(StackTraceElement frame) {
        return null;
    }
}

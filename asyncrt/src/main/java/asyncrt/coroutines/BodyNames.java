package asyncrt.coroutines;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Finds the name of the method that wrote a coroutine's body, the way Python shows a
 * coroutine's {@code __qualname__}: javac names the lambda in {@code task1()} as
 * {@code lambda$task1$0}, and a serializable lambda tells its implementation method's name.
 */
final class BodyNames {
    private BodyNames() {}

    /** Whether a body class (a lambda's) was written in asyncrt itself, i.e. comes from the same jar or directory. */
    private static final ClassValue<Boolean> IN_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            java.security.CodeSource own = BodyNames.class.getProtectionDomain().getCodeSource();
            java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
            return own != null && theirs != null && own.getLocation().equals(theirs.getLocation());
        }
    };

    /** Where the body's code is: the class and method javac compiled the lambda (or method reference) into. */
    record Site(String className, String methodName) { }

    static String of(Object body) {
        Site site = site(body);
        String implementation = site == null ? null : site.methodName();
        if (implementation == null) {
            String name = body.getClass().getSimpleName();
            int lambda = name.indexOf("$$Lambda");
            return lambda > 0 ? name.substring(0, lambda) : name;
        }
        if (implementation.startsWith("lambda$")) {
            // lambda$task1$0, or lambda$task1$9faf472e$1 for a serializable lambda
            int start = "lambda$".length();
            int end = implementation.indexOf('$', start);
            String enclosing = implementation.substring(start, end > start ? end : implementation.length());
            return switch (enclosing) {
                case "static" -> "<clinit>";
                case "new" -> "<init>";
                default -> enclosing;
            };
        }
        return implementation;
    }

    /** Whether {@code body} is asyncrt's own code (sleep, Queue.get, ...) rather than the program's. */
    static boolean inLibrary(Object body) {
        return IN_LIBRARY.get(body.getClass());
    }

    /** The body's implementation method, or null when the body is not a serializable lambda. */
    static Site site(Object body) {
        try {
            Method writeReplace = body.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(body) instanceof SerializedLambda lambda
                    ? new Site(lambda.getImplClass().replace('/', '.'), lambda.getImplMethodName()) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

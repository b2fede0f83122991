package asyncrt.coroutines;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Finds the name of the method that wrote a coroutine's body, the way Python shows a
 * coroutine's {@code __qualname__}: javac names the lambda in {@code task1()} as
 * {@code lambda$task1$0}, and a serializable lambda tells its implementation method's name.
 */
final class BodyNames {
    /** What is known of the bodies of one class (one lambda, one method reference), worked out once. */
    private record Known(String name, Site site) { }

    /** Per body class, a slot filled from the first body of that class asked about. */
    private static final ClassValue<Known[]> KNOWN = new ClassValue<>() {
        @Override
        protected Known[] computeValue(Class<?> type) {
            return new Known[1];
        }
    };

    /** Whether a body class (a lambda's) was written in asyncrt itself, i.e. comes from the same jar or directory. */
    private static final ClassValue<Boolean> IN_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            java.security.CodeSource own = BodyNames.class.getProtectionDomain().getCodeSource();
            java.security.CodeSource theirs = type.getProtectionDomain().getCodeSource();
            return own != null && theirs != null && own.getLocation().equals(theirs.getLocation());
        }
    };

    private BodyNames() {}

    /** Where the body's code is: the class and method javac compiled the lambda (or method reference) into. */
    record Site(String className, String methodName) { }

    static String of(Object body) {
        return known(body).name();
    }

    /** The body's implementation method, or null when the body is not a serializable lambda. */
    static Site site(Object body) {
        return known(body).site();
    }

    private static Known known(Object body) {
        Known[] slot = KNOWN.get(body.getClass());
        Known known = slot[0];
        if (known == null) {  // two threads may both work it out: the same answer
            Site site = siteOf(body);
            known = new Known(nameOf(body.getClass(), site), site);
            slot[0] = known;
        }
        return known;
    }

    private static String nameOf(Class<?> type, Site site) {
        String hosts = site == null ? null : asyncrt.internal.CodeNames.of(site.className(), site.methodName());
        if (hosts != null) {
            return hosts;
        }
        String implementation = site == null ? null : site.methodName();
        if (implementation == null) {
            String name = type.getSimpleName();
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

    /** Asks a serializable lambda for its SerializedLambda: the implementation class and method (the same for its whole class). */
    private static Site siteOf(Object body) {
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

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

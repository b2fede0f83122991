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

    static String of(Object body) {
        String implementation = implementationMethod(body);
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

    private static String implementationMethod(Object body) {
        try {
            Method writeReplace = body.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(body) instanceof SerializedLambda lambda ? lambda.getImplMethodName() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

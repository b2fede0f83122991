package asyncrt.executors;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to another JVM, as a {@link ProcessPoolExecutor} needs
 * (Python pickles the function it sends to a worker process). A lambda or method reference
 * passed straight to {@code runInExecutor(pool, fn, arg)} becomes one by itself.
 *
 * @param <A> the type of the argument
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface SerializableFunction<A, T> extends Function<A, T>, Serializable { }

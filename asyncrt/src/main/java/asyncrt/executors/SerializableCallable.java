package asyncrt.executors;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can be sent to another JVM, as a {@link ProcessPoolExecutor} needs.
 * A lambda passed straight to {@code runInExecutor} or {@code ProcessPoolExecutor.submit} becomes
 * one by itself; it stays serializable as long as what it captures is.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable { }

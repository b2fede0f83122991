package asyncrt.coroutines;

import java.io.Serializable;

/**
 * The body of a coroutine that returns a value: what you write inside {@code async def}.
 * Serializable only so that asyncrt can tell the name of the method that wrote the lambda
 * (shown in reprs and warnings, as Python shows a coroutine's {@code __qualname__}).
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface AsyncBody<T> extends Serializable {
    T call() throws Exception;
}

package asyncrt.coroutines;

/**
 * Something a coroutine can {@code await}: a {@link Coroutine}, a Task or a Future — Python's
 * awaitable protocol. {@code await(x)} calls {@link #awaitFrom}, which plays the part of
 * Python's {@code __await__}: it runs a coroutine inline, or suspends the running coroutine
 * until a future is done, and returns the result or throws the exception.
 *
 * @param <T> the type of the result
 */
public interface Awaitable<T> {
    /**
     * Waits for the result; called by {@link Coroutine#await} with {@code driven}, the coroutine
     * being driven on this thread right now (the outermost of a chain of inline awaits), which
     * is what suspends.
     */
    T awaitFrom(Coroutine<?> driven);
}

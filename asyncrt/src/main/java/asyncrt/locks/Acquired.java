package asyncrt.locks;

/**
 * What {@code acquire()} of a {@link Lock}, {@link Semaphore} or {@link Condition} returns: proof
 * that it was acquired, and the way to release it. It is how Python's {@code async with lock:}
 * reads in Java — try-with-resources releases on the way out, whatever happens in the block:
 *
 * <pre>{@code
 * try (var held = await(lock.acquire())) {
 *     ...  // only one task at a time gets here
 * }
 * }</pre>
 *
 * Python's {@code acquire()} returns {@code True} (it never returns anything else: failing to
 * acquire means being cancelled), so nothing is lost by returning this instead. Calling
 * {@code release()} yourself, as in Python, works too; do one or the other, not both.
 */
@FunctionalInterface
public interface Acquired extends AutoCloseable {
    /** Releases what was acquired (no checked exception, unlike {@link AutoCloseable#close()}). */
    @Override
    void close();
}

package asyncrt.queues;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that hands out the most recently added item first (a stack): Python's
 * {@code asyncio.LifoQueue}.
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items (zero or less: unbounded). */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}

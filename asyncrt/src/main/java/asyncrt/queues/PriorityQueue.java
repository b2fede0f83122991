package asyncrt.queues;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out the smallest item first: Python's {@code asyncio.PriorityQueue},
 * where items are typically {@code (priority, data)} tuples. In Java, make the items
 * {@link Comparable} (a record implementing it, say) or give a {@link Comparator}:
 *
 * <pre>{@code
 * record Job(int priority, String name) {}
 * var jobs = new PriorityQueue<Job>(0, Comparator.comparingInt(Job::priority));
 * }</pre>
 *
 * (Inside a JShell cell, {@code PriorityQueue} means this class: asyncrt's names are imported
 * one by one, which beats {@code java.util.*}.)
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** An unbounded queue of {@link Comparable} items, smallest first. */
    public PriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} {@link Comparable} items (zero or less: unbounded), smallest first. */
    public PriorityQueue(int maxsize) {
        this(maxsize, PriorityQueue::compareNaturally);
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded), smallest by {@code order} first. */
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize, new java.util.PriorityQueue<>(order));
    }

    @SuppressWarnings("unchecked")
    private static <T> int compareNaturally(T a, T b) {
        if (!(a instanceof Comparable<?>)) {
            throw new ClassCastException("PriorityQueue items must be Comparable, or the queue needs a Comparator:"
                    + " new PriorityQueue<>(maxsize, Comparator.comparing(...)); got " + a.getClass().getName());
        }
        return ((Comparable<? super T>) a).compareTo(b);
    }
}

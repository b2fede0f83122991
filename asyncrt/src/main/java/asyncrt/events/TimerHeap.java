package asyncrt.events;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The loop's timers, soonest first: a min-heap, as Python's {@code heapq} list of
 * TimerHandles, ordered by {@link TimerHandle#compareTo} (due time, then the order they were
 * scheduled in). Each node has four children rather than two.
 *
 * @implNote Each timer's due time is kept beside it in an array of doubles, so that sifting compares
 * numbers in one array. A heap of the handles alone follows a pointer to a handle at each
 * comparison: with 100 000 timers scheduled in a burst, a cache miss each time, which made the
 * insertion most of the cost of starting a sleeping task. Four children per node make the heap
 * half as deep, and the four due times a step down compares sit side by side in memory: with
 * 100 000 timers, taking the soonest then touches about half as many cache lines.
 */
final class TimerHeap {
    private double[] whens = new double[16];
    private TimerHandle[] timers = new TimerHandle[16];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The soonest timer, or null when there is none. */
    TimerHandle peek() {
        return size == 0 ? null : timers[0];
    }

    void add(TimerHandle timer) {
        if (size == timers.length) {
            whens = Arrays.copyOf(whens, size * 2);
            timers = Arrays.copyOf(timers, size * 2);
        }
        siftUp(size++, timer);
    }

    /** Removes and returns the soonest timer, or null when there is none. */
    TimerHandle poll() {
        if (size == 0) {
            return null;
        }
        TimerHandle soonest = timers[0];
        TimerHandle last = timers[--size];
        timers[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return soonest;
    }

    /** Removes every timer that {@code remove} accepts, then restores the heap order. */
    void removeIf(Predicate<TimerHandle> remove) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!remove.test(timers[i])) {
                whens[kept] = whens[i];
                timers[kept++] = timers[i];
            }
        }
        Arrays.fill(timers, kept, size, null);
        size = kept;
        if (size > 1) {
            for (int i = (size - 2) / 4; i >= 0; i--) {  // from the last timer's parent up to the root
                siftDown(i, timers[i]);
            }
        }
    }

    void clear() {
        Arrays.fill(timers, 0, size, null);
        size = 0;
    }

    /** The timers, soonest first. */
    List<TimerHandle> sorted() {
        TimerHandle[] copy = Arrays.copyOf(timers, size);
        Arrays.sort(copy);
        return List.of(copy);
    }

    /** Whether the timer at {@code i} is due before {@code timer}, which is due at {@code when}. */
    private boolean before(int i, double when, TimerHandle timer) {
        return whens[i] < when || whens[i] == when && timers[i].compareTo(timer) < 0;
    }

    /** Puts {@code timer} at the hole {@code k}, moving it up past the later timers above it. */
    private void siftUp(int k, TimerHandle timer) {
        double when = timer.when();
        while (k > 0) {
            int parent = (k - 1) >>> 2;
            if (before(parent, when, timer)) {
                break;
            }
            whens[k] = whens[parent];
            timers[k] = timers[parent];
            k = parent;
        }
        whens[k] = when;
        timers[k] = timer;
    }

    /** Puts {@code timer} at the hole {@code k}, moving it down past the sooner timers below it. */
    private void siftDown(int k, TimerHandle timer) {
        double when = timer.when();
        while (true) {
            int first = 4 * k + 1;
            if (first >= size) {
                break;
            }
            int soonest = first;
            int end = Math.min(first + 4, size);
            for (int child = first + 1; child < end; child++) {
                if (before(child, whens[soonest], timers[soonest])) {
                    soonest = child;
                }
            }
            if (!before(soonest, when, timer)) {
                break;
            }
            whens[k] = whens[soonest];
            timers[k] = timers[soonest];
            k = soonest;
        }
        whens[k] = when;
        timers[k] = timer;
    }
}

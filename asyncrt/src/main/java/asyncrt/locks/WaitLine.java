package asyncrt.locks;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.LoopBinding;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The tasks waiting on a primitive, in arrival order: each waits on a future of its own (CPython's
 * {@code _waiters} deque of futures), which the primitive completes to wake that task. A place
 * leaves the line when its task stops waiting, woken or cancelled.
 */
final class WaitLine implements Iterable<Future<Boolean>> {
    private final LoopBinding binding;
    private final ArrayDeque<Future<Boolean>> places = new ArrayDeque<>();

    WaitLine(Object owner) {
        binding = new LoopBinding(owner);
    }

    /** A new place at the end of the line: a pending future of the running loop. */
    Future<Boolean> join() {
        Future<Boolean> place = binding.loop().createFuture();
        places.add(place);
        return place;
    }

    /** Suspends the running task until {@code place} is done, then leaves the line; a cancellation is rethrown. */
    void awaitTurn(Future<Boolean> place) {
        try {
            Coroutine.await(place);
        } finally {
            places.remove(place);
        }
    }

    Future<Boolean> first() {
        return places.peekFirst();
    }

    boolean isEmpty() {
        return places.isEmpty();
    }

    int size() {
        return places.size();
    }

    @Override
    public Iterator<Future<Boolean>> iterator() {
        return places.iterator();
    }

    /** ", waiters:N" for a primitive's repr, or nothing when none wait. */
    String describe() {
        return places.isEmpty() ? "" : ", waiters:" + places.size();
    }
}

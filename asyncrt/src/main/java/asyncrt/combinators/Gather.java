package asyncrt.combinators;

import asyncrt.coroutines.Awaitable;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code asyncio.gather}: runs awaitables concurrently (coroutines are wrapped in tasks) and
 * returns a future of all their results, in the order of the arguments.
 *
 * <p>Without return-exceptions, the first child to fail (or be cancelled) completes the
 * gather with that exception; the other children keep running. With it, failures become
 * entries of the result list. Cancelling the gather cancels every child, as in CPython.
 */
public final class Gather {
    private Gather() {}

    /** The switch that is Python's {@code return_exceptions=True}: {@code gather(RETURN_EXCEPTIONS, a, b)}. */
    public enum Option {
        /** Put each child's exception in the result list instead of failing with the first. */
        RETURN_EXCEPTIONS
    }

    /** Results in argument order; fails with the first child's exception. */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return (Future<List<T>>) (Future<?>) gatherAll(awaitables, false);
    }

    /** Results in argument order, with a child's exception (or CancelledError) in place of its result. */
    public static Future<List<Object>> gatherReturningExceptions(List<? extends Awaitable<?>> awaitables) {
        return gatherAll(awaitables, true);
    }

    private static Future<List<Object>> gatherAll(List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
        if (awaitables.isEmpty()) {
            Future<List<Object>> outer = Events.getEventLoop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        Map<Awaitable<?>, Future<?>> futureOfArgument = new IdentityHashMap<>(awaitables.size());
        List<Future<?>> children = new ArrayList<>(awaitables.size());
        EventLoop loop = null;
        for (Awaitable<?> argument : awaitables) {
            Future<?> child = futureOfArgument.get(argument);
            if (child == null) {
                child = (loop == null ? Events.getEventLoop() : loop).ensureFuture(argument);
                loop = child.getLoop();
                futureOfArgument.put(argument, child);
            }
            children.add(child);
        }
        GatheringFuture outer = new GatheringFuture(loop, children, futureOfArgument.size(), returnExceptions);
        outer.watchChildren(futureOfArgument.values());
        return outer;
    }

    /** The future {@code gather} returns: cancelling it cancels the children. */
    private static final class GatheringFuture extends Future<List<Object>> {
        private final List<Future<?>> children;
        private final int distinctChildren;
        private final boolean returnExceptions;
        private int finished;
        private boolean cancelRequested;
        private final Consumer<Future<?>> onChildDone = this::childDone;

        GatheringFuture(EventLoop loop, List<Future<?>> children, int distinctChildren, boolean returnExceptions) {
            super(loop);
            this.children = children;
            this.distinctChildren = distinctChildren;
            this.returnExceptions = returnExceptions;
        }

        @Override
        public List<Future<?>> children() {
            return List.copyOf(children);
        }

        void watchChildren(Iterable<Future<?>> distinct) {
            List<Future<?>> alreadyDone = new ArrayList<>();
            for (Future<?> child : distinct) {
                if (child.done()) {
                    alreadyDone.add(child);
                } else {
                    child.addDoneCallback(onChildDone);
                }
            }
            alreadyDone.forEach(this::childDone);
        }

        @Override
        public boolean cancel(String msg) {
            if (done()) {
                return false;
            }
            boolean any = false;
            for (Future<?> child : children) {
                if (child.cancel(msg)) {
                    any = true;
                }
            }
            if (any) {
                cancelRequested = true;
            }
            return any;
        }

        private void childDone(Future<?> child) {
            finished++;
            if (done()) {
                if (!child.cancelled()) {
                    child.exception();  // mark it retrieved: the gather already has its outcome
                }
                return;
            }
            if (!returnExceptions) {
                Throwable failure = outcomeError(child);
                if (failure != null) {
                    setException(failure);
                    return;
                }
            }
            if (finished == distinctChildren) {
                List<Object> results = new ArrayList<>(children.size());
                for (Future<?> f : children) {
                    Throwable failure = outcomeError(f);
                    results.add(failure != null ? failure : f.result());
                }
                if (cancelRequested) {
                    setException(outcomeError(child));
                } else {
                    setResult(results);
                }
            }
        }

        /** The child's exception, its CancelledError if it was cancelled, or null if it has a result. */
        private static Throwable outcomeError(Future<?> child) {
            if (child.cancelled()) {
                try {
                    child.result();
                } catch (CancelledError cancelled) {
                    return cancelled;
                }
            }
            return child.exception();
        }
    }
}

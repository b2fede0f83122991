package asyncrt.combinators;

import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code asyncio.as_completed}: one coroutine per awaitable, each returning the next result
 * in the order they finish.
 *
 * <pre>{@code
 * for (Coroutine<String> next : asCompleted(tasks)) {
 *     String page = await(next);   // the earliest finished first
 * }
 * }</pre>
 */
public final class AsCompleted {
    private AsCompleted() {}

    /** {@code timeout} in seconds, or null; when it passes, the remaining coroutines throw {@link TimeoutError}. */
    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, Double timeout) {
        EventLoop loop = Events.getEventLoop();
        Set<Future<T>> todo = new LinkedHashSet<>();
        for (Awaitable<T> awaitable : new LinkedHashSet<>(awaitables)) {
            todo.add(loop.ensureFuture(awaitable));
        }
        Completions<T> completions = new Completions<>(loop, todo, timeout);
        List<Coroutine<T>> next = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            next.add(Coroutine.of(completions::next));
        }
        return Collections.unmodifiableList(next);
    }

    /** Futures in the order they finish; a null entry means the timeout passed. */
    private static final class Completions<T> {
        private final EventLoop loop;
        private final Set<Future<T>> todo;
        private final ArrayDeque<Future<T>> finished = new ArrayDeque<>();
        private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
        private final Consumer<Future<T>> onCompletion = this::completed;
        private TimerHandle timer;
        private boolean timedOut;

        Completions(EventLoop loop, Set<Future<T>> todo, Double timeout) {
            this.loop = loop;
            this.todo = new LinkedHashSet<>(todo);
            todo.forEach(f -> f.addDoneCallback(onCompletion));
            if (!todo.isEmpty() && timeout != null) {
                timer = loop.callLater(timeout, this::timedOut);
            }
        }

        private void completed(Future<T> future) {
            if (!todo.remove(future)) {
                return;
            }
            finished.add(future);
            wakeOne();
            if (todo.isEmpty() && timer != null) {
                timer.cancel();
            }
        }

        private void timedOut() {
            todo.forEach(f -> f.removeDoneCallback(onCompletion));
            todo.clear();
            timedOut = true;
            waiters.stream().filter(w -> !w.done()).forEach(w -> w.setResult(null));
            waiters.clear();
        }

        /** Wakes the oldest waiter still waiting (one whose task was cancelled is skipped). */
        private void wakeOne() {
            Future<Void> waiter;
            while ((waiter = waiters.poll()) != null) {
                if (!waiter.done()) {
                    waiter.setResult(null);
                    return;
                }
            }
        }

        T next() {
            while (finished.isEmpty() && !timedOut) {
                Future<Void> waiter = loop.createFuture();
                waiters.add(waiter);
                Coroutine.await(waiter);
            }
            Future<T> future = finished.poll();
            if (future == null) {
                throw new TimeoutError();
            }
            return future.result();
        }
    }
}

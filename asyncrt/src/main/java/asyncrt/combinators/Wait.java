package asyncrt.combinators;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Future;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code asyncio.wait}: waits until some or all of a set of futures and tasks are done (or a
 * timeout passes), and returns which are done and which are still pending. Unlike
 * {@code waitFor}, it cancels nothing.
 */
public final class Wait {
    private Wait() {}

    /** When {@code wait} returns. */
    public enum ReturnWhen {
        /** As soon as any future is done or cancelled. */
        FIRST_COMPLETED,
        /** As soon as any future fails with an exception; else when all are done. */
        FIRST_EXCEPTION,
        /** When every future is done or cancelled. */
        ALL_COMPLETED
    }

    /** The two sets {@code wait} returns. */
    public record DoneAndPending<T>(Set<Future<T>> done, Set<Future<T>> pending) { }

    /** Waits for {@code futures} until {@code returnWhen}, or {@code timeout} seconds (null: no limit). */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Future<T>> futures, Double timeout, ReturnWhen returnWhen) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        if (returnWhen == null) {
            throw new IllegalArgumentException("Invalid return_when value: null (use FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED)");
        }
        Set<Future<T>> all = new LinkedHashSet<>(futures);
        return Coroutine.of(() -> {
            EventLoop loop = Events.getRunningLoop();
            Future<Void> waiter = loop.createFuture();
            TimerHandle timer = timeout == null ? null : loop.callLater(timeout, () -> release(waiter));
            int[] remaining = {all.size()};
            Consumer<Future<T>> onCompletion = f -> {
                remaining[0]--;
                boolean failed = !f.cancelled() && f.exception() != null;
                if (remaining[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED || (returnWhen == ReturnWhen.FIRST_EXCEPTION && failed)) {
                    if (timer != null) {
                        timer.cancel();
                    }
                    release(waiter);
                }
            };
            all.forEach(f -> f.addDoneCallback(onCompletion));
            try {
                Coroutine.await(waiter);
            } finally {
                if (timer != null) {
                    timer.cancel();
                }
                all.forEach(f -> f.removeDoneCallback(onCompletion));
            }
            Set<Future<T>> done = new LinkedHashSet<>();
            Set<Future<T>> pending = new LinkedHashSet<>();
            for (Future<T> f : all) {
                (f.done() ? done : pending).add(f);
            }
            return new DoneAndPending<>(done, pending);
        });
    }

    private static void release(Future<Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }
}

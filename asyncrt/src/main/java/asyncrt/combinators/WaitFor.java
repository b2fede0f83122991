package asyncrt.combinators;

import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;

/**
 * {@code asyncio.wait_for} as in Python 3.12: awaits {@code awaitable} inside a {@link Timeout};
 * when time runs out, the awaited code is cancelled (it sees a CancelledError and may clean up),
 * and once it has finished, the caller gets a {@link TimeoutError}.
 */
public final class WaitFor {
    private WaitFor() {}

    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
        return Coroutine.of(() -> {
            EventLoop loop = Events.getRunningLoop();
            if (timeout <= 0) {
                return expireNow(loop.ensureFuture(awaitable));
            }
            return Coroutine.await(Timeout.after(timeout).run(() -> Coroutine.await(awaitable)));
        });
    }

    private static <T> T expireNow(Future<T> future) {
        if (future.done()) {
            return future.result();
        }
        cancelAndWait(future);
        try {
            return future.result();
        } catch (CancelledError cancelled) {
            throw new TimeoutError(cancelled);
        }
    }

    /** Cancels {@code future} and awaits its end, whatever it turns out to be. */
    private static void cancelAndWait(Future<?> future) {
        Future<Void> waiter = future.getLoop().createFuture();
        java.util.function.Consumer<Future<?>> release = f -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        };
        future.addDoneCallback(release);
        try {
            future.cancel();
            Coroutine.await(waiter);
        } finally {
            future.removeDoneCallback(release);
        }
    }
}

package asyncrt.combinators;

import asyncrt.coroutines.Awaitable;
import asyncrt.events.Events;
import asyncrt.tasks.Future;
import java.util.function.Consumer;

/**
 * {@code asyncio.shield}: protects an awaitable from cancellation. Cancelling the task that
 * awaits the shield cancels only the shield; the shielded task runs on.
 */
public final class Shield {
    private Shield() {}

    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        Future<T> inner = Events.getEventLoop().ensureFuture(awaitable);
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.getLoop().createFuture();
        Consumer<Future<T>> innerDone = f -> {
            if (outer.cancelled()) {
                if (!f.cancelled()) {
                    f.exception();  // mark it retrieved: nobody else will look
                }
                return;
            }
            if (f.cancelled()) {
                outer.cancel();
            } else if (f.exception() != null) {
                outer.setException(f.exception());
            } else {
                outer.setResult(f.result());
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(f -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }
}

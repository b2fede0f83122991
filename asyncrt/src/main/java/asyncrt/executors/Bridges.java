package asyncrt.executors;

import asyncrt.events.EventLoop;
import asyncrt.tasks.Future;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Bridges between asyncrt's futures and Java's: Python's {@code asyncio.wrap_future} and its
 * reverse. A {@link CompletableFuture} — what {@code HttpClient.sendAsync} or
 * {@code CompletableFuture.supplyAsync} return — becomes an asyncrt {@link Future} you can
 * {@code await}; its outcome is delivered on the loop's thread through
 * {@code callSoonThreadsafe}. Cancelling either side cancels the other.
 */
public final class Bridges {
    private Bridges() {}

    /** An asyncrt future on {@code loop} that completes as {@code stage} does. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = loop.createFuture();
        CompletableFuture<T> source = stage.toCompletableFuture();
        future.addDoneCallback(new ChainCancel<>(source));
        source.whenComplete((value, error) -> {
            try {
                loop.callSoonThreadsafe(() -> copyOutcome(value, error, future));
            } catch (IllegalStateException loopClosed) {
                // Nobody is left to tell: the loop was closed before the work finished (as asyncio, which drops it).
            }
        });
        return future;
    }

    /** The done callback that cancels the Java future when its asyncrt future is cancelled (asyncio's {@code _chain_future}). */
    private record ChainCancel<T>(CompletableFuture<?> source) implements java.util.function.Consumer<Future<T>> {
        @Override
        public void accept(Future<T> future) {
            if (future.cancelled()) {
                source.cancel(false);
            }
        }

        @Override
        public String toString() {
            return "chain_future()";
        }
    }

    /** A CompletableFuture that completes as {@code future} does; cancelling it cancels {@code future} (on its loop's thread). */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        CompletableFuture<T> target = new CompletableFuture<>();
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                target.cancel(false);
            } else if (f.exception() != null) {
                target.completeExceptionally(f.exception());
            } else {
                target.complete(f.result());
            }
        });
        target.whenComplete((value, error) -> {
            if (target.isCancelled() && !future.getLoop().isClosed()) {
                future.getLoop().callSoonThreadsafe(() -> future.cancel());
            }
        });
        return target;
    }

    private static <T> void copyOutcome(T value, Throwable error, Future<T> future) {
        if (future.cancelled()) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            future.cancel();
        } else if (cause != null) {
            future.setException(cause);
        } else {
            future.setResult(value);
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}

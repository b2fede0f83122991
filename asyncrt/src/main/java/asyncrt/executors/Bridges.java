package asyncrt.executors;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
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
        chain(future, target);
        return target;
    }

    /**
     * Submits {@code coro} to {@code loop} from any thread and returns a CompletableFuture of its result:
     * Python's {@code asyncio.run_coroutine_threadsafe(coro, loop)}, whose {@code concurrent.futures.Future}
     * becomes Java's CompletableFuture. The coroutine runs as a task on the loop's thread. Cancelling the
     * CompletableFuture cancels the task (on the loop's thread, even before its first step); a task
     * that ends cancelled cancels the CompletableFuture.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        CompletableFuture<T> target = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            Task<T> task;
            try {
                task = loop.createTask(coro);
            } catch (RuntimeException failed) {
                target.completeExceptionally(failed);
                throw failed;
            }
            chain(task, target);
        });
        return target;
    }

    /** Completes {@code target} as {@code source} ends, and cancels {@code source} when {@code target} is cancelled. */
    private static <T> void chain(Future<T> source, CompletableFuture<T> target) {
        source.addDoneCallback(f -> {
            if (f.cancelled()) {
                target.cancel(false);
            } else if (f.exception() != null) {
                target.completeExceptionally(f.exception());
            } else {
                target.complete(f.result());
            }
        });
        target.whenComplete((value, error) -> {
            if (target.isCancelled() && !source.getLoop().isClosed()) {
                try {
                    source.getLoop().callSoonThreadsafe(() -> source.cancel());
                } catch (IllegalStateException loopClosed) {
                    // closed meanwhile: the task is gone with its loop
                }
            }
        });
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

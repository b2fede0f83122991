package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.kernel.magics.MagicException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Does something to a loop from a magic's thread safely: on the loop's own thread, between two callbacks, when
 * the loop is running elsewhere; directly when it is not running (cells run one at a time, so nothing else
 * touches the kernel's loop then).
 */
final class LoopAccess {

    private static final long ANSWER_WITHIN_MILLIS = 2000;

    private LoopAccess() {
    }

    /** The result of {@code action}, run as described above; fails when the loop is stuck in a callback. */
    static <T> T call(EventLoop loop, Supplier<T> action) throws MagicException {
        if (!loop.isRunning() || loop.thread() == Thread.currentThread()) {
            return action.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> {
                try {
                    answer.complete(action.get());
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer.get(ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MagicException("the loop did not answer within " + ANSWER_WITHIN_MILLIS / 1000
                    + " s: a callback is blocking it (a Thread.sleep or a busy loop in a coroutine?); try again");
        } catch (IllegalStateException closed) {
            return action.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("interrupted while waiting for the loop");
        }
    }
}

package asyncrt.combinators;

import asyncrt.coroutines.AsyncBody;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Future;

/** {@code asyncio.sleep}: suspends the calling task for a while without blocking the loop. */
public final class Sleep {
    /** The body of every {@code sleep(0)}: one shared lambda, so the commonest yield allocates only its coroutine. */
    private static final AsyncBody<Object> YIELD_ONCE = Sleep::sleep;

    private Sleep() {}

    /**
     * A coroutine that waits {@code delay} seconds and returns {@code result}. A delay of zero
     * or less yields to the loop exactly once, so every other ready callback runs first.
     */
    @SuppressWarnings("unchecked")
    public static <T> Coroutine<T> sleep(double delay, T result) {
        if (delay <= 0 && result == null) {
            return (Coroutine<T>) Coroutine.of(YIELD_ONCE);
        }
        return Coroutine.of(() -> {
            if (delay <= 0) {
                sleep();
                return result;
            }
            if (Double.isNaN(delay)) {
                throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
            }
            EventLoop loop = Events.getRunningLoop();
            Future<T> future = loop.createFuture();
            TimerHandle timer = loop.callLater(delay, new WakeUp<>(future, result, delay));
            try {
                return Coroutine.await(future, timer);
            } finally {
                timer.cancel();
            }
        });
    }

    /** The timer callback that ends a sleep; it shows as {@code sleep(2)} in a loop's timers and a task's wait. */
    private record WakeUp<T>(Future<T> future, T result, double delay) implements Runnable {
        @Override
        public void run() {
            if (!future.done()) {
                future.setResult(result);
            }
        }

        @Override
        public String toString() {
            return "sleep(" + (delay == Math.rint(delay) && Math.abs(delay) < 1e15
                    ? String.valueOf((long) delay) : String.valueOf(delay)) + ")";
        }
    }

    /** {@code sleep(0)}: a bare yield, so the task goes to the back of the ready queue once. */
    private static Object sleep() {
        Coroutine.suspend(null);
        return null;
    }
}

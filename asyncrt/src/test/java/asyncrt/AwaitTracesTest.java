package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * An exception thrown into a coroutine at an await names the awaiting code, as a Python traceback grows
 * through the frame that re-raises it.
 */
class AwaitTracesTest {

    private static boolean names(Throwable e, String method) {
        return Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().contains(method));
    }

    private static Coroutine<String> awaitTheFailure(Future<String> failing) {
        return async(() -> await(failing));
    }

    @Test
    void aFailureSetByACallbackNamesTheCoroutineThatAwaitedIt() {
        IllegalStateException raised = Asyncio.run(async(() -> {
            Future<String> failing = EventLoop.getRunningLoop().createFuture();
            EventLoop.getRunningLoop().callSoon(() -> failing.setException(new IllegalStateException("failed")));
            try {
                await(awaitTheFailure(failing));
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        }));
        assertTrue(names(raised, "awaitTheFailure"), Arrays.toString(raised.getStackTrace()));
        assertTrue(names(raised, "lambda$aFailureSetByACallbackNamesTheCoroutineThatAwaitedIt"), "and its awaiter's caller");
    }

    @Test
    void theAwaitersFramesFollowTheExceptionsOwnFramesOnce() {
        Asyncio.run(async(() -> {
            Future<String> failing = EventLoop.getRunningLoop().createFuture();
            failSoon(failing);
            IllegalStateException first = assertThrows(IllegalStateException.class, () -> await(awaitTheFailure(failing)));
            StackTraceElement[] once = first.getStackTrace();
            assertEquals("lambda$failSoon$0", once[0].getMethodName(), "its own innermost frame first: " + Arrays.toString(once));
            assertTrue(names(first, "awaitTheFailure"), "then its awaiter's: " + Arrays.toString(once));
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> await(awaitTheFailure(failing)));
            assertSame(first, again, "the same object, as Python re-raises it");
            assertEquals(once.length, again.getStackTrace().length, "a second awaiter adds nothing");
            return null;
        }));
    }

    private static void failSoon(Future<String> future) {
        EventLoop.getRunningLoop().callSoon(() -> future.setException(new IllegalStateException("failed")));
    }

    @Test
    void aCancellationIsLeftAsItIsForCancellingIsFrequentControlFlow() {
        CancelledError cancelled = Asyncio.run(async(() -> {
            Task<Void> sleeper = createTask(sleepForAnHour());
            await(sleep(0));
            sleeper.cancel();
            try {
                await(sleeper);
                return null;
            } catch (CancelledError e) {
                return e;
            }
        }));
        assertFalse(names(cancelled, "lambda$sleepForAnHour"), Arrays.toString(cancelled.getStackTrace()));
    }

    private static Coroutine<Void> sleepForAnHour() {
        return async(() -> {
            await(sleep(3600));
        });
    }
}

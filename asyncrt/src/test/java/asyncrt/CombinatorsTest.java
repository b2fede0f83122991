package asyncrt;

import static asyncrt.Asyncio.RETURN_EXCEPTIONS;
import static asyncrt.Asyncio.asCompleted;
import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.shield;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.combinators.TimeoutError;
import asyncrt.combinators.Wait;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** sleep, gather, wait_for, wait, shield and as_completed, after CPython's tests, on a virtual clock (see TimeoutTest, TaskGroupTest). */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class CombinatorsTest {

    static <T> Coroutine<T> after(double delay, T value) {
        return async(() -> {
            await(sleep(delay));
            return value;
        });
    }

    static Coroutine<String> failing(double delay, RuntimeException e) {
        return async(() -> {
            await(sleep(delay));
            throw e;
        });
    }

    // ---- sleep ---------------------------------------------------------------------------------

    @Test
    void sleepZeroYieldsExactlyOnce() {
        List<String> order = new ArrayList<>();
        VirtualTime.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            loop.callSoon(() -> order.add("callback 1"));
            await(sleep(0));
            order.add("after first sleep(0)");
            loop.callSoon(() -> order.add("callback 2"));
            loop.callSoon(() -> loop.callSoon(() -> order.add("callback 3, a turn later")));
            await(sleep(0));
            order.add("after second sleep(0)");
        }));
        assertEquals(List.of("callback 1", "after first sleep(0)", "callback 2", "after second sleep(0)"), order.subList(0, 4));
    }

    @Test
    void sleepReturnsItsResultAfterTheDelay() {
        VirtualTime.run(async(() -> {
            double start = EventLoop.getRunningLoop().time();
            assertEquals("woke", await(sleep(0.05, "woke")));
            assertEquals(0.05, EventLoop.getRunningLoop().time() - start, 1e-9);
        }));
    }

    @Test
    void sleepRejectsNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VirtualTime.run(sleep(Double.NaN)));
        assertEquals("Invalid delay: NaN (not a number)", e.getMessage());
    }

    // ---- gather --------------------------------------------------------------------------------

    @Test
    void gatherReturnsResultsInArgumentOrderNotCompletionOrder() {
        List<String> results = VirtualTime.run(async(() -> await(gather(after(0.03, "slow"), after(0.01, "fast"), after(0.02, "middle")))));
        assertEquals(List.of("slow", "fast", "middle"), results);
    }

    @Test
    void gatherOfNothingIsAnEmptyList() {
        assertEquals(List.of(), VirtualTime.run(async(() -> await(gather(List.<Coroutine<String>>of())))));
    }

    @Test
    void gatherFailsWithTheFirstExceptionAndLeavesTheOthersRunning() {
        IllegalStateException boom = new IllegalStateException("boom");
        VirtualTime.run(async(() -> {
            Task<String> slow = createTask(after(0.1, "slow"));
            Future<List<String>> all = gather(failing(0.01, boom), slow);
            assertSame(boom, assertThrows(IllegalStateException.class, () -> await(all)));
            assertFalse(slow.done(), "the other child keeps running, as in asyncio");
            assertEquals("slow", await(slow));
        }));
    }

    @Test
    void gatherWithReturnExceptionsPutsThemInTheList() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> results = VirtualTime.run(async(() -> {
            Task<String> cancelled = createTask(after(10, "never"));
            Future<List<Object>> all = gather(RETURN_EXCEPTIONS, after(0.01, "ok"), failing(0.01, boom), cancelled);
            await(sleep(0));
            cancelled.cancel("dropped");
            return await(all);
        }));
        assertEquals("ok", results.get(0));
        assertSame(boom, results.get(1));
        assertInstanceOf(CancelledError.class, results.get(2));
        assertEquals("dropped", ((CancelledError) results.get(2)).getMessage());
    }

    @Test
    void cancellingTheGatherCancelsEveryChild() {
        VirtualTime.run(async(() -> {
            Task<String> a = createTask(after(10, "a"));
            Task<String> b = createTask(after(10, "b"));
            Future<List<String>> all = gather(a, b);
            await(sleep(0.01));
            assertTrue(all.cancel());
            assertThrows(CancelledError.class, () -> await(all));
            assertTrue(a.cancelled() && b.cancelled());
        }));
    }

    @Test
    void aCancelledChildFailsTheGatherWithCancelledError() {
        VirtualTime.run(async(() -> {
            Task<String> a = createTask(after(10, "a"));
            Future<List<String>> all = gather(a, after(0.05, "b"));
            await(sleep(0.01));
            a.cancel();
            assertThrows(CancelledError.class, () -> await(all));
            assertFalse(all.cancelled(), "the gather itself was not cancelled: it failed with the child's CancelledError");
        }));
    }

    @Test
    void cancellingTheTaskThatAwaitsAGatherCancelsTheChildren() {
        VirtualTime.run(async(() -> {
            List<Task<String>> children = new ArrayList<>();
            Task<List<String>> parent = createTask(async(() -> {
                children.add(createTask(after(10, "x")));
                children.add(createTask(after(10, "y")));
                return await(gather(children));
            }));
            await(sleep(0.01));
            parent.cancel();
            assertThrows(CancelledError.class, () -> await(parent));
            assertTrue(children.stream().allMatch(Task::cancelled));
        }));
    }

    @Test
    void theSameAwaitableTwiceRunsOnce() {
        int[] runs = {0};
        Coroutine<Integer> once = async(() -> ++runs[0]);
        assertEquals(List.of(1, 1), VirtualTime.run(async(() -> await(gather(once, once)))));
        assertEquals(1, runs[0]);
    }

    // ---- wait_for and timeout -------------------------------------------------------------------

    @Test
    void waitForReturnsTheResultInTime() {
        assertEquals("quick", VirtualTime.run(async(() -> await(waitFor(after(0.01, "quick"), 1.0)))));
    }

    @Test
    void waitForCancelsTheWorkAndThrowsTimeoutError() {
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Coroutine<String> slow = async(() -> {
                try {
                    await(sleep(10));
                    return "late";
                } catch (CancelledError e) {
                    log.add("the work saw a CancelledError");
                    throw e;
                }
            });
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(waitFor(slow, 0.05)));
            assertInstanceOf(CancelledError.class, e.getCause());
            assertEquals(0, Asyncio.currentTask().cancelling(), "the timeout took its cancellation back");
        }));
        assertEquals(List.of("the work saw a CancelledError"), log);
    }

    @Test
    void waitForOnATaskCancelsTheTask() {
        VirtualTime.run(async(() -> {
            Task<String> task = createTask(after(10, "late"));
            assertThrows(TimeoutError.class, () -> await(waitFor(task, 0.02)));
            assertTrue(task.cancelled());
        }));
    }

    @Test
    void waitForWithZeroTimeoutCancelsAtOnceUnlessDone() {
        VirtualTime.run(async(() -> {
            Task<String> done = createTask(async(() -> "ready"));
            await(sleep(0));
            assertEquals("ready", await(waitFor(done, 0)));
            Task<String> pending = createTask(after(10, "late"));
            assertThrows(TimeoutError.class, () -> await(waitFor(pending, 0)));
            assertTrue(pending.cancelled());
        }));
    }

    @Test
    void anOuterCancelDuringWaitForIsACancelNotATimeout() {
        VirtualTime.run(async(() -> {
            Task<String> waiter = createTask(waitFor(after(10, "late"), 5));
            await(sleep(0.01));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
        }));
    }

    // ---- wait, shield, as_completed ------------------------------------------------------------------

    @Test
    void waitFirstCompletedReturnsAsSoonAsOneIsDone() {
        VirtualTime.run(async(() -> {
            Task<String> fast = createTask(after(0.01, "fast"));
            Task<String> slow = createTask(after(10, "slow"));
            Wait.DoneAndPending<String> r = await(Asyncio.wait(List.of(fast, slow), null, Asyncio.FIRST_COMPLETED));
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            assertFalse(slow.cancelled(), "wait cancels nothing");
            slow.cancel();
        }));
    }

    @Test
    void waitFirstExceptionReturnsOnTheFirstFailure() {
        VirtualTime.run(async(() -> {
            Task<String> failing = createTask(failing(0.01, new IllegalStateException("x")));
            Task<String> slow = createTask(after(10, "slow"));
            Wait.DoneAndPending<String> r = await(Asyncio.wait(List.of(failing, slow), null, Asyncio.FIRST_EXCEPTION));
            assertEquals(Set.of(failing), r.done());
            failing.exception();
            slow.cancel();
        }));
    }

    @Test
    void waitAllCompletedAndTimeout() {
        VirtualTime.run(async(() -> {
            Task<String> a = createTask(after(0.01, "a"));
            Task<String> b = createTask(after(0.02, "b"));
            assertEquals(Set.of(a, b), await(Asyncio.wait(List.of(a, b))).done());
            Task<String> slow = createTask(after(10, "slow"));
            Wait.DoneAndPending<String> r = await(Asyncio.wait(List.of(slow), 0.02, Asyncio.ALL_COMPLETED));
            assertEquals(Set.of(slow), r.pending());
            slow.cancel();
        }));
    }

    @Test
    void waitOnNothingIsAnError() {
        assertEquals("Set of Tasks/Futures is empty.",
                assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<String>>of())).getMessage());
    }

    @Test
    void shieldKeepsTheInnerTaskRunningWhenTheAwaiterIsCancelled() {
        VirtualTime.run(async(() -> {
            Task<String> inner = createTask(after(0.05, "survived"));
            Task<String> awaiter = createTask(async(() -> await(shield(inner))));
            await(sleep(0.01));
            awaiter.cancel();
            assertThrows(CancelledError.class, () -> await(awaiter));
            assertFalse(inner.cancelled());
            assertEquals("survived", await(inner));
        }));
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        List<String> order = VirtualTime.run(async(() -> {
            List<String> seen = new ArrayList<>();
            for (Coroutine<String> next : asCompleted(List.of(after(0.3, "c"), after(0.1, "a"), after(0.2, "b")))) {
                seen.add(await(next));
            }
            return seen;
        }));
        assertEquals(List.of("a", "b", "c"), order);
    }

    @Test
    void asCompletedTimesOut() {
        VirtualTime.run(async(() -> {
            List<Coroutine<String>> next = asCompleted(List.of(after(0.01, "quick"), after(10, "slow")), 0.05);
            assertEquals("quick", await(next.get(0)));
            assertThrows(TimeoutError.class, () -> await(next.get(1)));
            Asyncio.allTasks().stream().filter(t -> t != Asyncio.currentTask()).forEach(Task::cancel);
        }));
    }
}

package asyncrt.locks;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Condition, after CPython's test_locks.ConditionTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionTest {
    private static Coroutine<Void> waitAndNote(Condition cond, String name, List<String> woken) {
        return async(() -> {
            try (var held = await(cond.acquire())) {
                await(cond.wait_());
                assertTrue(cond.locked(), "wait_() returns with the lock held");
                woken.add(name);
            }
        });
    }

    @Test
    void notifyWakesWaitersOneAtATimeInArrivalOrder() {
        List<String> woken = new ArrayList<>();
        Asyncio.run(async(() -> {
            Condition cond = new Condition();
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(waitAndNote(cond, name, woken)));
            }
            await(sleep(0));
            assertEquals("<Condition [unlocked, waiters:3]>", cond.toString());
            try (var held = await(cond.acquire())) {
                cond.notify_();
            }
            await(sleep(0));
            assertEquals(List.of("a"), woken);
            try (var held = await(cond.acquire())) {
                cond.notifyAll_();
            }
            await(gather(tasks));
        }));
        assertEquals(List.of("a", "b", "c"), woken);
    }

    @Test
    void waitForChecksThePredicateAfterEachWakeUp() {
        Asyncio.run(async(() -> {
            Condition cond = new Condition();
            List<Integer> items = new ArrayList<>();
            Task<Boolean> consumer = createTask(async(() -> {
                try (var held = await(cond.acquire())) {
                    return await(cond.waitFor(() -> items.size() >= 3));
                }
            }));
            for (int i = 0; i < 3; i++) {
                await(sleep(0));
                assertTrue(!consumer.done());
                try (var held = await(cond.acquire())) {
                    items.add(i);
                    cond.notifyAll_();
                }
            }
            assertTrue(await(consumer));
        }));
    }

    @Test
    void waitingOrNotifyingWithoutTheLockIsRefusedWithAHint() {
        Asyncio.run(async(() -> {
            Condition cond = new Condition();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(cond.wait_()));
            assertTrue(e.getMessage().startsWith("cannot wait on un-acquired lock"), e.getMessage());
            e = assertThrows(IllegalStateException.class, cond::notify_);
            assertTrue(e.getMessage().startsWith("cannot notify on un-acquired lock"), e.getMessage());
        }));
    }

    @Test
    void aCancelledWaitTakesTheLockBackBeforeItThrows() {
        Asyncio.run(async(() -> {
            Condition cond = new Condition();
            List<Boolean> heldWhenCancelled = new ArrayList<>();
            Task<Void> waiter = createTask(async(() -> {
                await(cond.acquire());
                try {
                    await(cond.wait_());
                } catch (CancelledError e) {
                    heldWhenCancelled.add(cond.locked());
                    cond.release();
                    throw e;
                }
            }));
            await(sleep(0));
            await(cond.acquire());  // the waiter must queue for the lock once cancelled
            waiter.cancel();
            await(sleep(0));
            assertTrue(heldWhenCancelled.isEmpty(), "it cannot leave wait_() until it holds the lock");
            cond.release();
            assertThrows(CancelledError.class, () -> await(waiter));
            assertEquals(List.of(true), heldWhenCancelled);
        }));
    }

    @Test
    void aNotificationToATaskCancelledMeanwhileGoesToTheNextWaiter() {
        // CPython 3.13: a wait_() that fails after being notified passes the notification on.
        List<String> woken = new ArrayList<>();
        Asyncio.run(async(() -> {
            Condition cond = new Condition();
            Task<Void> a = createTask(waitAndNote(cond, "a", woken));
            Task<Void> b = createTask(waitAndNote(cond, "b", woken));
            await(sleep(0));
            try (var held = await(cond.acquire())) {
                cond.notify_();  // wakes a
                a.cancel();      // which is cancelled before it can run
            }
            await(gather(Asyncio.RETURN_EXCEPTIONS, a, b));
            assertTrue(a.cancelled());
        }));
        assertEquals(List.of("b"), woken);
    }
}

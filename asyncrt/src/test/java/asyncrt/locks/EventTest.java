package asyncrt.locks;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Event, after CPython's test_locks.EventTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventTest {
    @Test
    void setWakesEveryWaiterAndLaterWaitsReturnAtOnce() {
        List<Integer> woken = new ArrayList<>();
        Asyncio.run(async(() -> {
            Event event = new Event();
            List<Task<Boolean>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                waiters.add(createTask(async(() -> {
                    boolean result = await(event.wait_());
                    woken.add(n);
                    return result;
                })));
            }
            await(sleep(0));
            assertEquals(List.of(), woken);
            assertEquals("<Event [unset, waiters:3]>", event.toString());
            event.set();
            assertEquals(List.of(true, true, true), await(gather(waiters)));
            assertTrue(await(event.wait_()));
            assertEquals("<Event [set]>", event.toString());
        }));
        assertEquals(List.of(0, 1, 2), woken);
    }

    @Test
    void clearMakesWaitersWaitAgain() {
        Asyncio.run(async(() -> {
            Event event = new Event();
            event.set();
            event.clear();
            assertFalse(event.isSet());
            Task<Boolean> waiter = createTask(event.wait_());
            await(sleep(0));
            assertFalse(waiter.done());
            event.set();
            assertTrue(await(waiter));
        }));
    }

    @Test
    void aCancelledWaiterLeavesNothingBehind() {
        Asyncio.run(async(() -> {
            Event event = new Event();
            Task<Boolean> waiter = createTask(event.wait_());
            await(sleep(0));
            waiter.cancel();
            await(sleep(0));
            assertTrue(waiter.cancelled());
            assertEquals("<Event [unset]>", event.toString());
        }));
    }
}

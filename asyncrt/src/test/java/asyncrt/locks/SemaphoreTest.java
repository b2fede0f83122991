package asyncrt.locks;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Semaphore and BoundedSemaphore, after CPython's test_locks.SemaphoreTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreTest {
    @Test
    void atMostValueTasksHoldAPermitAtOnce() {
        int[] inside = {0};
        int[] most = {0};
        Asyncio.run(async(() -> {
            Semaphore slots = new Semaphore(3);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(createTask(async(() -> {
                    try (var permit = await(slots.acquire())) {
                        inside[0]++;
                        most[0] = Math.max(most[0], inside[0]);
                        await(sleep(0.001));
                        inside[0]--;
                    }
                })));
            }
            await(gather(tasks));
            assertEquals(3, slots.value());
        }));
        assertEquals(3, most[0]);
    }

    @Test
    void permitsGoToWaitersInArrivalOrderEvenWhenANewcomerFindsOneFree() {
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                tasks.add(createTask(async(() -> {
                    await(sem.acquire());
                    order.add(name);
                })));
            }
            await(sleep(0));
            assertTrue(sem.locked());
            sem.release();
            sem.release();
            tasks.add(createTask(async(() -> {
                await(sem.acquire());  // a permit is free now, but c was first
                order.add("late");
            })));
            sem.release();
            sem.release();
            await(gather(tasks));
        }));
        assertEquals(List.of("a", "b", "c", "late"), order);
    }

    @Test
    void aWaiterCancelledAfterBeingGrantedAPermitGivesItBack() {
        Asyncio.run(async(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Acquired> a = createTask(sem.acquire());
            Task<Acquired> b = createTask(sem.acquire());
            await(sleep(0));
            sem.release();  // granted to a...
            a.cancel();     // ...which is cancelled before it runs
            await(b);       // so b gets it
            assertTrue(a.cancelled());
            assertEquals(0, sem.value());
            assertTrue(sem.locked());
        }));
    }

    @Test
    void badValuesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(e.getMessage().startsWith("Semaphore initial value must be >= 0"), e.getMessage());
    }

    @Test
    void aBoundedSemaphoreRefusesAnExtraRelease() {
        Asyncio.run(async(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            try (var permit = await(sem.acquire())) {
                assertFalse(sem.locked());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
            assertTrue(e.getMessage().startsWith("BoundedSemaphore released too many times"), e.getMessage());
            assertEquals("<BoundedSemaphore [unlocked, value:2]>", sem.toString());
        }));
    }
}

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
import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Lock's contract, after CPython's test_locks.LockTests: FIFO hand-over and cancellation that never loses the lock. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LockTest {
    /** A task that takes the lock, notes its name, yields once while holding it, and releases it. */
    private static Coroutine<Void> take(Lock lock, String name, List<String> order) {
        return async(() -> {
            try (var held = await(lock.acquire())) {
                order.add(name);
                await(sleep(0));
            }
        });
    }

    @Test
    void acquireAndReleaseWithTryWithResources() {
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());
            try (var held = await(lock.acquire())) {
                assertTrue(lock.locked());
                assertEquals("<Lock [locked]>", lock.toString());
            }
            assertFalse(lock.locked());
        }));
    }

    @Test
    void theBlockReleasesTheLockWhenItThrows() {
        Lock lock = new Lock();
        assertThrows(ArithmeticException.class, () -> Asyncio.run(async(() -> {
            try (var held = await(lock.acquire())) {
                throw new ArithmeticException("boom");
            }
        })));
        assertFalse(lock.locked());
    }

    @Test
    void releasingAnUnlockedLockSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Lock().release());
        assertTrue(e.getMessage().startsWith("Lock is not acquired"), e.getMessage());
    }

    @Test
    void waitersGetTheLockInArrivalOrder() {
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                tasks.add(createTask(take(lock, name, order)));
            }
            await(sleep(0));
            assertEquals("<Lock [locked, waiters:4]>", lock.toString());
            lock.release();
            await(gather(tasks));
        }));
        assertEquals(List.of("a", "b", "c", "d"), order);
    }

    @Test
    void aCancelledWaiterIsSkipped() {
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Void> a = createTask(take(lock, "a", order));
            Task<Void> b = createTask(take(lock, "b", order));
            Task<Void> c = createTask(take(lock, "c", order));
            await(sleep(0));
            b.cancel();
            lock.release();
            await(gather(Asyncio.RETURN_EXCEPTIONS, a, b, c));
            assertTrue(b.cancelled());
            assertFalse(lock.locked());
        }));
        assertEquals(List.of("a", "c"), order);
    }

    @Test
    void aWaiterCancelledAfterBeingHandedTheLockPassesItOn() {
        // CPython's test_cancel_race: release() wakes the first waiter, which is cancelled before it runs.
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Void> a = createTask(take(lock, "a", order));
            Task<Void> b = createTask(take(lock, "b", order));
            await(sleep(0));
            lock.release();  // a's turn...
            a.cancel();      // ...but a is cancelled before it runs
            await(gather(Asyncio.RETURN_EXCEPTIONS, a, b));
            assertTrue(a.cancelled());
            assertFalse(lock.locked());
        }));
        assertEquals(List.of("b"), order);
    }

    @Test
    void aNewcomerCannotJumpAheadOfAWokenWaiter() {
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Void> a = createTask(take(lock, "a", order));
            await(sleep(0));
            lock.release();
            Task<Void> late = createTask(take(lock, "late", order));
            await(gather(a, late));
        }));
        assertEquals(List.of("a", "late"), order);
    }

    @Test
    void cancellingTheHolderWhileItAwaitsReleasesTheLock() {
        Asyncio.run(async(() -> {
            Lock lock = new Lock();
            Task<Void> holder = createTask(async(() -> {
                try (var held = await(lock.acquire())) {
                    await(sleep(3600));
                }
            }));
            await(sleep(0));
            assertTrue(lock.locked());
            holder.cancel();
            assertThrows(CancelledError.class, () -> await(holder));
            assertFalse(lock.locked());
        }));
    }

    @Test
    void aLockUsedByOneLoopRefusesAnother() {
        Lock lock = new Lock();
        Asyncio.run(async(() -> {
            await(lock.acquire());
            Task<Void> waiter = createTask(async(() -> { await(lock.acquire()); }));
            await(sleep(0));
            waiter.cancel();
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(async(() -> {
            await(lock.acquire());
        })));
        assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
    }
}

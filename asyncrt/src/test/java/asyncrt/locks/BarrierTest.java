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
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Barrier, after CPython's test_locks.BarrierTests. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {
    @Test
    void partiesPassTogetherWithDistinctIndicesRoundAfterRound() {
        Asyncio.run(async(() -> {
            Barrier barrier = new Barrier(3);
            for (int round = 0; round < 2; round++) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    tasks.add(createTask(barrier.wait_()));
                }
                await(sleep(0));
                assertEquals(2, barrier.nWaiting());
                assertTrue(tasks.stream().noneMatch(Task::done));
                tasks.add(createTask(barrier.wait_()));
                Set<Integer> indices = new HashSet<>(await(gather(tasks)));
                assertEquals(Set.of(0, 1, 2), indices);
                assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
            }
        }));
    }

    @Test
    void abortBreaksTheWaitersAndLaterArrivals() {
        Asyncio.run(async(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> waiter = createTask(barrier.wait_());
            await(sleep(0));
            await(barrier.abort());
            assertThrows(BrokenBarrierError.class, () -> await(waiter));
            assertTrue(barrier.broken());
            BrokenBarrierError e = assertThrows(BrokenBarrierError.class, () -> await(barrier.wait_()));
            assertEquals("Barrier aborted", e.getMessage());
        }));
    }

    @Test
    void resetBreaksTheCurrentRoundAndTheBarrierFillsAgain() {
        Asyncio.run(async(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> waiter = createTask(barrier.wait_());
            await(sleep(0));
            await(barrier.reset());
            BrokenBarrierError e = assertThrows(BrokenBarrierError.class, () -> await(waiter));
            assertEquals("Abort or reset of barrier", e.getMessage());
            List<Integer> indices = await(gather(createTask(barrier.wait_()), createTask(barrier.wait_())));
            assertEquals(Set.of(0, 1), new HashSet<>(indices));
        }));
    }

    @Test
    void aBarrierNeedsAtLeastOneParty() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }
}

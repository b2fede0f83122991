package asyncrt.queues;

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
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio.Queue, PriorityQueue and LifoQueue, after CPython's test_queues (3.13, with shutdown). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueueTest {
    @Test
    void itemsComeOutInTheOrderOfTheKindOfQueue() {
        Asyncio.run(async(() -> {
            Queue<Integer> fifo = new Queue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<Integer> priority = new PriorityQueue<>();
            for (int i : List.of(3, 1, 2)) {
                await(fifo.put(i));
                await(lifo.put(i));
                await(priority.put(i));
            }
            List<Integer> out = new ArrayList<>();
            for (Queue<Integer> q : List.of(fifo, lifo, priority)) {
                while (!q.empty()) {
                    out.add(await(q.get()));
                }
            }
            assertEquals(List.of(3, 1, 2, 2, 1, 3, 1, 2, 3), out);
        }));
    }

    @Test
    void aPriorityQueueTakesAComparatorAndExplainsWhenItNeedsOne() {
        record Job(int priority, String name) { }
        var jobs = new PriorityQueue<Job>(0, Comparator.comparingInt(Job::priority));
        jobs.putNowait(new Job(2, "later"));
        jobs.putNowait(new Job(1, "first"));
        assertEquals("first", jobs.getNowait().name());

        var unordered = new PriorityQueue<Object>();
        unordered.putNowait(new Object());
        ClassCastException e = assertThrows(ClassCastException.class, () -> unordered.putNowait(new Object()));
        assertTrue(e.getMessage().startsWith("PriorityQueue items must be Comparable, or the queue needs a Comparator"), e.getMessage());
        assertEquals(1, unordered.qsize());
    }

    @Test
    void nowaitOperationsSayWhatToDoInstead() {
        Queue<String> q = new Queue<>(1);
        QueueEmpty empty = assertThrows(QueueEmpty.class, q::getNowait);
        assertTrue(empty.getMessage().contains("await get()"), empty.getMessage());
        q.putNowait("x");
        assertTrue(q.full());
        QueueFull full = assertThrows(QueueFull.class, () -> q.putNowait("y"));
        assertTrue(full.getMessage().contains("await put(item)"), full.getMessage());
        assertEquals("<Queue maxsize=1 _queue=['x'] tasks=1>", q.toString());
    }

    @Test
    void aFullQueueMakesPutWaitForAGet() {
        Asyncio.run(async(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Integer> put = new ArrayList<>();
            Task<Void> producer = createTask(async(() -> {
                for (int i = 0; i < 5; i++) {
                    await(q.put(i));
                    put.add(i);
                }
            }));
            await(sleep(0));
            assertEquals(List.of(0, 1), put);
            assertEquals(0, await(q.get()));
            await(sleep(0));
            assertEquals(List.of(0, 1, 2), put);
            List<Integer> got = new ArrayList<>();
            for (int i = 1; i < 5; i++) {
                got.add(await(q.get()));
            }
            await(producer);
            assertEquals(List.of(1, 2, 3, 4), got);
        }));
    }

    @Test
    void waitingGettersAreServedInArrivalOrder() {
        List<String> order = new ArrayList<>();
        Asyncio.run(async(() -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Void>> getters = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                getters.add(createTask(async(() -> {
                    order.add(name + await(q.get()));
                })));
            }
            await(sleep(0));
            for (int i = 1; i <= 3; i++) {
                q.putNowait(i);
            }
            await(gather(getters));
        }));
        assertEquals(List.of("a1", "b2", "c3"), order);
    }

    @Test
    void aGetterCancelledAfterBeingWokenLeavesTheItemForTheNext() {
        // CPython's test_cancelled_getters_not_being_held_in_self_getters and friends.
        Asyncio.run(async(() -> {
            Queue<String> q = new Queue<>();
            Task<String> a = createTask(q.get());
            Task<String> b = createTask(q.get());
            await(sleep(0));
            q.putNowait("item");  // wakes a...
            a.cancel();           // ...which is cancelled before it runs
            assertEquals("item", await(b));
            assertTrue(a.cancelled());
            assertTrue(q.empty());
            assertEquals("<Queue maxsize=0 tasks=1>", q.toString());
        }));
    }

    @Test
    void aPutterCancelledAfterBeingWokenLeavesTheSlotForTheNext() {
        Asyncio.run(async(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("first");
            Task<Void> a = createTask(q.put("a"));
            Task<Void> b = createTask(q.put("b"));
            await(sleep(0));
            assertEquals("first", q.getNowait());  // wakes a...
            a.cancel();                            // ...which is cancelled before it runs
            await(b);
            assertTrue(a.cancelled());
            assertEquals("b", q.getNowait());
        }));
    }

    @Test
    void joinWaitsUntilEveryItemIsMarkedDone() {
        Asyncio.run(async(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            Task<Void> joiner = createTask(q.join());
            int done = 0;
            while (!q.empty()) {
                await(q.get());
                await(sleep(0));
                assertFalse(joiner.done());
                q.taskDone();
                done++;
            }
            await(joiner);
            assertEquals(3, done);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::taskDone);
            assertTrue(e.getMessage().startsWith("taskDone() called too many times"), e.getMessage());
        }));
    }

    @Test
    void shutdownFailsPutsAtOnceAndGetsOnceEmpty() {
        Asyncio.run(async(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("left");
            Task<Void> blockedPutter = createTask(q.put("never"));
            await(sleep(0));
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> await(blockedPutter));
            assertThrows(QueueShutDown.class, () -> q.putNowait("more"));
            assertEquals("left", await(q.get()));  // what is in the queue can still be taken
            QueueShutDown e = assertThrows(QueueShutDown.class, () -> await(q.get()));
            assertEquals("get() from a queue that was shut down", e.getMessage());
            assertThrows(QueueShutDown.class, q::getNowait);
        }));
    }

    @Test
    void shutdownWakesBlockedGettersWithTheError() {
        Asyncio.run(async(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = createTask(q.get());
            await(sleep(0));
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> await(getter));
        }));
    }

    @Test
    void immediateShutdownDropsTheItemsAndReleasesJoin() {
        Asyncio.run(async(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> joiner = createTask(q.join());
            await(sleep(0));
            q.shutdown(true);
            await(joiner);
            assertTrue(q.empty());
            assertThrows(QueueShutDown.class, () -> await(q.get()));
        }));
    }
}

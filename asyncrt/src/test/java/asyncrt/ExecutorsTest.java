package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** to_thread, run_in_executor and wrap_future: blocking work off the loop, results back on it. */
class ExecutorsTest {

    @Test
    void toThreadRunsBlockingCallsConcurrentlyOffTheLoop() {
        Thread loopThread = Thread.currentThread();
        Thread[] completedOn = new Thread[1];
        // Each call blocks until all three are running: run one after another, they would never get past it.
        CyclicBarrier allThree = new CyclicBarrier(3);
        Asyncio.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<String> first = loop.runInExecutor(null, () -> blockingCall(allThree));
            first.addDoneCallback(f -> completedOn[0] = Thread.currentThread());
            List<String> threads = await(gather(first,
                    Asyncio.toThread(() -> blockingCall(allThree)),
                    Asyncio.toThread(() -> blockingCall(allThree))));
            threads.forEach(name -> assertTrue(name.startsWith("asyncio_"), name));
        }));
        assertSame(loopThread, completedOn[0], "the result comes back on the loop's thread");
    }

    private static String blockingCall(CyclicBarrier allThree) throws Exception {
        allThree.await(60, TimeUnit.SECONDS);  // a BrokenBarrier/TimeoutException when the calls did not overlap
        return Thread.currentThread().getName();
    }

    @Test
    void theLoopKeepsRunningWhileAThreadBlocks() {
        // The thread blocks until the loop has ticked five times: a loop blocked by it would never get there.
        CountDownLatch fiveTicks = new CountDownLatch(5);
        int ticks = Asyncio.run(async(() -> {
            Future<Boolean> blocked = EventLoop.getRunningLoop().runInExecutor(null, () -> fiveTicks.await(60, TimeUnit.SECONDS));
            int n = 0;
            while (!blocked.done()) {
                await(sleep(0.01));
                fiveTicks.countDown();
                n++;
            }
            assertTrue(await(blocked), "the loop did not tick while the thread blocked");
            return n;
        }));
        assertTrue(ticks >= 5, "the loop ticked " + ticks + " times while the thread blocked");
    }

    @Test
    void runInExecutorTakesAnyExecutorAndAnArgument() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long result = Asyncio.run(async(() -> await(EventLoop.getRunningLoop().runInExecutor(pool, ExecutorsTest::sumOfSquares, 1000))));
            assertEquals(332_833_500L, result);
        } finally {
            pool.shutdown();
        }
    }

    static long sumOfSquares(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (long) i * i;
        }
        return sum;
    }

    @Test
    void anExceptionInTheThreadComesBackAsItself() {
        IllegalStateException boom = new IllegalStateException("in the thread");
        Throwable caught = assertThrows(IllegalStateException.class, () -> Asyncio.run(async(() -> {
            await(Asyncio.toThread(() -> {
                throw boom;
            }));
        })));
        assertSame(boom, caught);
    }

    @Test
    void wrapFutureMakesACompletableFutureAwaitable() {
        assertEquals("from another thread", Asyncio.run(async(() -> await(Asyncio.wrapFuture(
                CompletableFuture.supplyAsync(() -> "from another thread", CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)))))));
    }

    @Test
    void cancellingTheWrapperCancelsTheJavaFuture() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Asyncio.run(async(() -> {
            Future<String> wrapped = Asyncio.wrapFuture(never);
            await(sleep(0));
            wrapped.cancel();
            assertThrows(CancelledError.class, () -> await(wrapped));
        }));
        assertTrue(never.isCancelled());
    }

    @Test
    void closingTheLoopShutsItsDefaultExecutorDown() throws Exception {
        Thread[] worker = new Thread[1];
        Asyncio.run(async(() -> {
            await(Asyncio.toThread(() -> {
                worker[0] = Thread.currentThread();
                return null;
            }));
        }));
        worker[0].join(5000);
        assertTrue(!worker[0].isAlive(), "the executor's thread outlived Asyncio.run");
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.runCoroutineThreadsafe;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code runCoroutineThreadsafe} as {@code asyncio.run_coroutine_threadsafe}: another thread submits a
 * coroutine to a running loop and holds a CompletableFuture of its result; cancelling either side cancels
 * the other. After CPython's test_tasks.py RunCoroutineThreadsafeTests.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunCoroutineThreadsafeTest {
    private EventLoop loop;
    private Thread loopThread;

    @BeforeEach
    void startLoop() {
        loop = EventLoop.newEventLoop();
        loopThread = new Thread(loop::runForever, "loop");
        loopThread.start();
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        loop.callSoonThreadsafe(loop::stop);
        loopThread.join();
        loop.close();
    }

    @Test
    void theFutureGetsTheResult() throws Exception {  // test_run_coroutine_threadsafe
        CompletableFuture<String> future = runCoroutineThreadsafe(async(() -> {
            await(sleep(0.01));
            return EventLoop.getRunningLoop() == loop ? "ran on the loop" : "ran elsewhere";
        }), loop);
        assertEquals("ran on the loop", future.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theFutureGetsTheException() {  // test_run_coroutine_threadsafe_with_exception
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<String> future = runCoroutineThreadsafe(async(() -> {
            await(sleep(0.01));
            throw boom;
        }), loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
    }

    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {  // test_run_coroutine_threadsafe_task_cancelled
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> future = runCoroutineThreadsafe(async(() -> {
            started.countDown();
            try {
                await(sleep(100));
                return "late";
            } catch (CancelledError e) {
                log.add("the task saw CancelledError");
                throw e;
            }
        }), loop);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(future.cancel(true));
        CompletableFuture<List<String>> tasksLeft = runCoroutineThreadsafe(async(() -> {
            await(sleep(0.05));
            return Task.allTasks().stream().filter(t -> t != Task.currentTask()).map(Task::getName).toList();
        }), loop);
        assertEquals(List.of(), tasksLeft.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("the task saw CancelledError"), log);
    }

    @Test
    void aFutureCancelledBeforeTheLoopRunsTheTaskCancelsItAtItsFirstAwait() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            try {
                release.await();  // hold the loop so that the cancel comes first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<String> future = runCoroutineThreadsafe(async(() -> {
            log.add("first step");
            try {
                await(sleep(100));
                return "late";
            } catch (CancelledError e) {
                log.add("cancelled");
                throw e;
            }
        }), loop);
        future.cancel(false);
        release.countDown();
        assertEquals("done", runCoroutineThreadsafe(async(() -> {
            await(sleep(0.05));
            return "done";
        }), loop).get(10, TimeUnit.SECONDS));
        // As in CPython: the task's first step is scheduled before the cancellation that follows it.
        assertEquals(List.of("first step", "cancelled"), log);
    }

    @Test
    void aCancelledTaskCancelsTheFuture() {  // test_run_coroutine_threadsafe_task_cancelled, from the loop's side
        CompletableFuture<String> future = runCoroutineThreadsafe(async(() -> {
            Task.currentTask().cancel();
            await(sleep(100));
            return "never";
        }), loop);
        assertThrows(CancellationException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertTrue(future.isCancelled());
    }

    @Test
    void aClosedLoopRefuses() {
        EventLoop closed = EventLoop.newEventLoop();
        closed.close();
        Coroutine<String> coro = async(() -> "x");
        assertThrows(IllegalStateException.class, () -> runCoroutineThreadsafe(coro, closed));
        coro.close();
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.events.EventLoop;
import asyncrt.events.KeyboardInterrupt;
import asyncrt.events.Signal;
import asyncrt.events.Signals;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** asyncio.run and Runner: set-up, clean-up of leftover tasks, and SIGINT. */
class RunnerTest {

    @Test
    void runCancelsTasksLeftBehindAndClosesTheLoop() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        EventLoop[] used = new EventLoop[1];
        Asyncio.run(async(() -> {
            used[0] = EventLoop.getRunningLoop();
            createTask(async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    log.add("leftover cancelled");
                    throw e;
                }
            }));
            await(sleep(0));
        }));
        assertEquals(List.of("leftover cancelled"), log);
        assertTrue(used[0].isClosed());
        assertThrows(IllegalStateException.class, EventLoop::getEventLoop, "run() unsets the thread's loop");
    }

    @Test
    void aLeftoverTaskThatFailsWhileBeingCancelledIsReported() {
        String err = Capture.stderr(() -> Asyncio.run(async(() -> {
            createTask(async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    throw new IllegalStateException("failed on the way out");
                }
            }));
            await(sleep(0));
        })));
        assertTrue(err.contains("unhandled exception during asyncio.run() shutdown"), err);
        assertTrue(err.contains("failed on the way out"), err);
    }

    @Test
    void aRunnerRunsSeveralCoroutinesOnOneLoop() {
        try (Runner runner = new Runner()) {
            EventLoop first = runner.run(async(() -> EventLoop.getRunningLoop()));
            EventLoop second = runner.run(async(() -> EventLoop.getRunningLoop()));
            assertTrue(first == second && first == runner.getLoop());
        }
    }

    @Test
    void sigintCancelsTheMainTaskAndRunThrowsKeyboardInterrupt() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertThrows(KeyboardInterrupt.class, () -> Asyncio.run(async(() -> {
            EventLoop.getRunningLoop().callLater(0.05, () -> new Thread(() -> Signals.deliver(Signal.SIGINT)).start());
            try {
                await(sleep(30));
            } catch (CancelledError e) {
                log.add("main cancelled");
                throw e;
            }
        })));
        assertEquals(List.of("main cancelled"), log);
        assertFalse(Signals.deliver(Signal.SIGINT), "the runner's handler is gone once run() returns");
    }

    @Test
    void anInterruptQueuedAsARunEndsDoesNotHitTheNextRun() {
        try (Runner runner = new Runner()) {
            // Two SIGINTs queue a cancel and a KeyboardInterrupt on the loop; the run ends at once another way
            // (as when the kernel stops a cell outright), before the loop gets to them.
            assertThrows(KeyboardInterrupt.class, () -> runner.run(async(() -> {
                Signals.deliver(Signal.SIGINT);
                Signals.deliver(Signal.SIGINT);
                throw new KeyboardInterrupt("stopped outright");
            })));
            assertEquals(42, runner.run(async(() -> {
                await(sleep(0.01));
                return 42;
            })), "the next run of the same loop is not interrupted by what was queued for the last");
        }
    }

    @Test
    void aMainTaskThatSwallowsTheInterruptReturnsNormally() {
        String result = Asyncio.run(async(() -> {
            EventLoop.getRunningLoop().callLater(0.05, () -> new Thread(() -> Signals.deliver(Signal.SIGINT)).start());
            try {
                await(sleep(30));
                return "slept";
            } catch (CancelledError e) {
                Asyncio.currentTask().uncancel();
                return "interrupted, then finished cleanly";
            }
        }));
        assertEquals("interrupted, then finished cleanly", result);
    }

    @Test
    void aLoopsOwnSigintHandlerTakesPrecedenceOverTheRunners() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        String result = Asyncio.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Task<?> main = Asyncio.currentTask();
            loop.addSignalHandler(Signal.SIGINT, () -> {
                log.add("handler ran on the loop: " + (Thread.currentThread() == loop.thread()));
                main.cancel("graceful shutdown");
            });
            loop.callLater(0.05, () -> new Thread(() -> Signals.deliver(Signal.SIGINT)).start());
            try {
                await(sleep(30));
                return "slept";
            } catch (CancelledError e) {
                Asyncio.currentTask().uncancel();
                return e.getMessage();
            } finally {
                assertTrue(loop.removeSignalHandler(Signal.SIGINT));
                assertFalse(loop.removeSignalHandler(Signal.SIGINT));
            }
        }));
        assertEquals("graceful shutdown", result);
        assertEquals(List.of("handler ran on the loop: true"), log);
    }

    @Test
    void interruptingTheThreadOfAWaitingLoopEndsTheRunWithKeyboardInterrupt() throws Exception {
        Throwable[] ended = new Throwable[1];
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        Thread runner = new Thread(() -> {
            try {
                Asyncio.run(async(() -> {
                    waiting.countDown();
                    await(sleep(30));
                }));
            } catch (Throwable t) {
                ended[0] = t;
            }
        });
        runner.start();
        waiting.await();
        Thread.sleep(100);
        runner.interrupt();
        runner.join(10_000);
        assertFalse(runner.isAlive(), "the run did not end");
        assertTrue(ended[0] instanceof KeyboardInterrupt, String.valueOf(ended[0]));
    }

    @Test
    void closingALoopRemovesItsSignalHandlers() {
        EventLoop loop = EventLoop.newEventLoop();
        loop.addSignalHandler(Signal.SIGTERM, () -> { });
        loop.close();
        assertFalse(Signals.deliver(Signal.SIGTERM));
    }

    @Test
    void closingALoopWithPendingTasksReportsThem() {
        List<Map<String, Object>> reports = new ArrayList<>();
        EventLoop loop = EventLoop.newEventLoop();
        loop.setExceptionHandler((l, c) -> reports.add(c));
        Task<Void> pending = loop.createTask(sleep(10));
        loop.callLater(0.01, loop::stop);
        loop.runForever();
        loop.close();
        assertEquals("Task was destroyed but it is pending!", reports.get(0).get("message"));
        assertEquals(pending, reports.get(0).get("task"));
    }
}

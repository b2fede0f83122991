package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.VirtualClock;
import asyncrt.events.Handle;
import asyncrt.events.Instrument;
import asyncrt.events.TimerHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop itself: ordering of callbacks and timers, running and stopping, closing, errors. Modelled on CPython's test_base_events. */
class EventLoopTest {
    private EventLoop loop;

    @BeforeEach
    void newLoop() {
        loop = EventLoop.newEventLoop();
    }

    @AfterEach
    void closeLoop() {
        if (!loop.isClosed()) {
            loop.close();
        }
        EventLoop.setEventLoop(null);
    }

    /** Timing logic runs on a virtual clock: exact, and no waiting on a busy machine. */
    private void onVirtualClock() {
        loop.close();
        loop = new EventLoop(new VirtualClock());
    }

    private void runBriefly() {
        loop.callLater(0.05, loop::stop);
        loop.runForever();
    }

    @Test
    void callSoonRunsCallbacksInFifoOrder() {
        onVirtualClock();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callSoon(() -> order.add(n));
        }
        runBriefly();
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void callbacksAddedByACallbackRunOnTheNextTurn() {
        onVirtualClock();
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            order.add("a");
            loop.callSoon(() -> order.add("c"));
        });
        loop.callSoon(() -> order.add("b"));
        runBriefly();
        assertEquals(List.of("a", "b", "c"), order);
    }

    @Test
    void stopLetsTheCurrentBatchFinishThenReturns() {
        onVirtualClock();
        List<String> order = new ArrayList<>();
        loop.callSoon(() -> {
            order.add("1");
            loop.stop();
        });
        loop.callSoon(() -> order.add("2"));
        loop.callSoon(() -> loop.callSoon(() -> order.add("next run")));
        loop.runForever();
        assertEquals(List.of("1", "2"), order);
        loop.callLater(0.01, loop::stop);
        loop.runForever();
        assertEquals(List.of("1", "2", "next run"), order);
    }

    @Test
    void timersRunInDeadlineOrderAndNotEarly() {
        onVirtualClock();
        List<String> order = new ArrayList<>();
        double start = loop.time();
        double[] ranAt = new double[1];
        loop.callLater(0.10, () -> order.add("b"));
        loop.callLater(0.05, () -> {
            order.add("a");
            ranAt[0] = loop.time();
        });
        loop.callAt(start + 0.15, () -> {
            order.add("c");
            loop.stop();
        });
        loop.runForever();
        assertEquals(List.of("a", "b", "c"), order);
        assertEquals(0.05, ranAt[0] - start, 1e-9);
    }

    @Test
    void timersWithTheSameDeadlineRunInTheOrderTheyWereScheduled() {
        onVirtualClock();
        List<Integer> order = new ArrayList<>();
        double when = loop.time() + 0.02;
        for (int i = 0; i < 10; i++) {
            int n = i;
            loop.callAt(when, () -> order.add(n));
        }
        loop.callAt(when + 0.01, loop::stop);
        loop.runForever();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
    }

    @Test
    void cancelledCallbacksAndTimersDoNotRun() {
        onVirtualClock();
        List<String> ran = new ArrayList<>();
        Handle soon = loop.callSoon(() -> ran.add("soon"));
        TimerHandle later = loop.callLater(0.01, () -> ran.add("later"));
        soon.cancel();
        later.cancel();
        assertTrue(soon.cancelled() && later.cancelled());
        runBriefly();
        assertTrue(ran.isEmpty(), ran.toString());
    }

    @Test
    void aMillionCancelledTimeoutsDoNotGrowTheHeapForever() {
        int[] maxHeap = {0};
        loop.callSoon(new Runnable() {
            int rounds;

            @Override
            public void run() {
                for (int i = 0; i < 10_000; i++) {
                    loop.callLater(3600, () -> { }).cancel();
                }
                maxHeap[0] = Math.max(maxHeap[0], loop.scheduledTimers().size());
                if (++rounds < 100) {
                    loop.callSoon(this);
                } else {
                    loop.stop();
                }
            }
        });
        loop.runForever();
        assertTrue(maxHeap[0] <= 10_000 + 1, "heap held " + maxHeap[0] + " timers");
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(loop.scheduledTimers().size() <= 10_000, "after a turn the heap holds " + loop.scheduledTimers().size());
    }

    @Test
    void timeIsMonotonicSeconds() throws Exception {
        double a = loop.time();
        Thread.sleep(20);
        double b = loop.time();
        assertTrue(b - a >= 0.015 && b - a < 5, "elapsed " + (b - a));
    }

    @Test
    void callSoonThreadsafeWakesALoopThatIsWaiting() throws Exception {
        // On a virtual clock that jumps only after 10 real minutes of waiting: a loop that was not woken
        // would run the callback at the hour, after the timer.
        loop.close();
        loop = new EventLoop(new VirtualClock(600));
        CountDownLatch waiting = new CountDownLatch(1);
        loop.instruments().add(new Instrument() {
            @Override
            public void beforeIoWait(double timeout) {
                if (timeout > 0) {
                    waiting.countDown();
                }
            }
        });
        List<String> order = new ArrayList<>();
        loop.callLater(3600, () -> order.add("the timer an hour later"));
        Thread other = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> {
                order.add("the callback from another thread at " + loop.time());
                loop.stop();
            });
        });
        other.start();
        loop.runForever();
        other.join();
        assertEquals(List.of("the callback from another thread at 0.0"), order);
    }

    @Test
    void runUntilCompleteReturnsTheResultOrThrowsTheException() {
        assertEquals("hi", loop.runUntilComplete(async(() -> {
            await(sleep(0.01));
            return "hi";
        })));
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(async(() -> {
            throw boom;
        }))));
    }

    @Test
    void runUntilCompleteFailsIfTheLoopStopsFirst() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(async(() -> {
            EventLoop.getRunningLoop().stop();
            await(sleep(10));
        })));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
    }

    @Test
    void isRunningAndTheRunningLoop() {
        assertFalse(loop.isRunning());
        boolean[] seen = new boolean[2];
        loop.callSoon(() -> {
            seen[0] = loop.isRunning();
            seen[1] = EventLoop.getRunningLoop() == loop;
            loop.stop();
        });
        loop.runForever();
        assertTrue(seen[0] && seen[1]);
        assertFalse(loop.isRunning());
        assertNull(Events.runningLoopOrNull());
    }

    @Test
    void noRunningLoopSaysSoAndWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, EventLoop::getRunningLoop);
        assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
        assertTrue(e.getMessage().contains("Asyncio.run"), e.getMessage());
    }

    @Test
    void getEventLoopGivesTheLoopSetForThisThread() {
        EventLoop.setEventLoop(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, EventLoop::getEventLoop);
        assertTrue(e.getMessage().startsWith("There is no current event loop in thread"), e.getMessage());
        EventLoop.setEventLoop(loop);
        assertSame(loop, EventLoop.getEventLoop());
    }

    @Test
    void aLoopCannotRunTwiceAtOnceNorInsideAnother() {
        List<String> errors = new ArrayList<>();
        EventLoop other = EventLoop.newEventLoop();
        loop.callSoon(() -> {
            try {
                loop.runForever();
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
            try {
                other.runForever();
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
            try {
                Asyncio.run(async(() -> { }));
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
            loop.stop();
        });
        loop.runForever();
        other.close();
        assertEquals("This event loop is already running", errors.get(0));
        assertEquals("Cannot run the event loop while another loop is running", errors.get(1));
        assertTrue(errors.get(2).startsWith("asyncio.run() cannot be called from a running event loop"), errors.get(2));
    }

    @Test
    void aClosedLoopRefusesWork() {
        loop.close();
        assertTrue(loop.isClosed());
        for (Runnable misuse : List.<Runnable>of(
                () -> loop.callSoon(() -> { }),
                () -> loop.callLater(1, () -> { }),
                () -> loop.callSoonThreadsafe(() -> { }),
                loop::runForever,
                () -> loop.createTask(async(() -> { })))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, misuse::run);
            assertTrue(e.getMessage().startsWith("Event loop is closed"), e.getMessage());
        }
        loop.close();  // closing twice is harmless
    }

    @Test
    void aRunningLoopCannotBeClosed() {
        String[] message = new String[1];
        loop.callSoon(() -> {
            try {
                loop.close();
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals("Cannot close a running event loop", message[0]);
    }

    @Test
    void aFailingCallbackGoesToTheExceptionHandlerAndTheLoopCarriesOn() {
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        RuntimeException boom = new RuntimeException("boom");
        List<String> after = new ArrayList<>();
        loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> after.add("still running"));
        runBriefly();
        assertEquals(List.of("still running"), after);
        assertEquals(1, reports.size());
        assertSame(boom, reports.get(0).get("exception"));
        assertTrue(((String) reports.get(0).get("message")).startsWith("Exception in callback "), reports.get(0).toString());
        assertTrue(reports.get(0).get("handle") instanceof Handle);
    }

    @Test
    void theDefaultExceptionHandlerWritesToStandardError() {
        String err = Capture.stderr(() -> {
            loop.callSoon(() -> {
                throw new IllegalStateException("went wrong");
            });
            runBriefly();
        });
        assertTrue(err.contains("Exception in callback"), err);
        assertTrue(err.contains("IllegalStateException: went wrong"), err);
        assertTrue(err.contains("frames of asyncrt and the JDK, and of what started the loop\n"), err);
    }

    @Test
    void callExceptionHandlerFallsBackToTheDefaultWhenTheHandlerFails() {
        loop.setExceptionHandler((l, context) -> {
            throw new RuntimeException("handler broke");
        });
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "original problem");
        String err = Capture.stderr(() -> loop.callExceptionHandler(context));
        assertTrue(err.contains("Unhandled error in exception handler"), err);
        assertTrue(err.contains("handler broke"), err);
        loop.setExceptionHandler(null);
        assertNull(loop.getExceptionHandler());
    }

    @Test
    void debugModeReportsSlowCallbacks() {
        VirtualClock clock = new VirtualClock();
        loop.close();
        loop = new EventLoop(clock);
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        String err = Capture.stderr(() -> {
            loop.callSoon(() -> clock.advance(0.12));  // a callback that takes 120 ms of the loop's time
            loop.callSoon(() -> clock.advance(0.01));  // and one that is quick enough
            runBriefly();
        });
        assertTrue(err.matches("(?s)Executing <Handle .*> took 0\\.120 seconds\\s*"), err);
    }

    @Test
    void debugModeRefusesCallSoonFromAnotherThread() throws Exception {
        loop.setDebug(true);
        CountDownLatch running = new CountDownLatch(1);
        String[] message = new String[1];
        loop.callSoon(running::countDown);
        loop.callLater(3600, () -> { });
        Thread other = new Thread(() -> {
            try {
                running.await(30, TimeUnit.SECONDS);
                loop.callSoon(() -> { });
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(loop::stop);
        });
        other.start();
        loop.runForever();
        other.join();
        assertTrue(message[0].startsWith("Non-thread-safe operation invoked on an event loop other than the current one"), message[0]);
    }

    @Test
    void theReprSaysWhatTheLoopIsDoing() {
        assertEquals("<EventLoop running=false closed=false debug=false>", loop.toString());
    }
}

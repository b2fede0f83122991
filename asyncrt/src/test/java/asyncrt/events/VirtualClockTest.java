package asyncrt.events;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Runner;
import asyncrt.coroutines.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A loop on a {@link VirtualClock} runs timers in exact virtual time and never sleeps for them. */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualClockTest {

    static <T> T run(VirtualClock clock, Coroutine<T> main) {
        try (Runner runner = new Runner(null, () -> new EventLoop(clock))) {
            return runner.run(main);
        }
    }

    @Test
    void anHourOfSleepsTakesNoRealTimeAndEndsAtExactlyTheRightMoment() {
        VirtualClock clock = new VirtualClock();
        List<String> log = new ArrayList<>();
        long start = System.nanoTime();
        run(clock, async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            createTask(async(() -> {
                await(sleep(1800));
                log.add("half an hour at " + loop.time());
            }));
            loop.callLater(0.25, () -> log.add("callLater(0.25) at " + loop.time()));
            await(sleep(3600));
            log.add("an hour at " + loop.time());
        }));
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "no real waiting");
        assertEquals(List.of("callLater(0.25) at 0.25", "half an hour at 1800.0", "an hour at 3600.0"), log);
        assertEquals(3600.0, clock.time());
    }

    @Test
    void timersDueAtTheSameTimeRunInSchedulingOrder() {
        List<Integer> order = new ArrayList<>();
        run(new VirtualClock(), async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            for (int i = 0; i < 5; i++) {
                int n = i;
                loop.callAt(10, () -> order.add(n));
            }
            loop.callAt(5, () -> order.add(-1));
            await(sleep(11));
        }));
        assertEquals(List.of(-1, 0, 1, 2, 3, 4), order);
    }

    @Test
    void advanceIsABusyLoopThatMakesTimersOverdue() {
        VirtualClock clock = new VirtualClock();
        List<String> log = new ArrayList<>();
        run(clock, async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            loop.callLater(1, () -> log.add("timer at " + loop.time()));
            clock.advance(2.5);  // a blocking callback: the timer is overdue when the loop looks again
            await(sleep(0));
            log.add("after sleep(0) at " + loop.time());
        }));
        // As in CPython's _run_once: what was ready runs first, then the timers found due.
        assertEquals(List.of("after sleep(0) at 2.5", "timer at 2.5"), log);
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    }

    @Test
    void workOnAnotherThreadIsAwaitedWithoutJumpingPastIt() {
        VirtualClock clock = new VirtualClock(0.05);
        String result = run(clock, async(() -> {
            // No timer is pending while the thread works: the loop waits for it as usual.
            String fromThread = await(toThread(() -> {
                Thread.sleep(50);
                return "worked";
            }));
            await(sleep(7));
            return fromThread + " then slept to " + EventLoop.getRunningLoop().time();
        }));
        assertEquals("worked then slept to 7.0", result);
    }
}

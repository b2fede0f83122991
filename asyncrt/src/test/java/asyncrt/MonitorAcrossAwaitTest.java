package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import asyncrt.coroutines.Backend;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coroutine that awaits inside a {@code synchronized} block keeps the monitor while it is
 * suspended — the twin of holding a {@code threading.Lock} across an {@code await} in Python.
 * In debug mode asyncrt refuses such an await with an error that says so.
 */
class MonitorAcrossAwaitTest {
    private final Object monitor = new Object();

    @Test
    void inDebugModeAwaitingWhileHoldingAMonitorIsAnError() {
        assumeTrue(Backend.active() == Backend.CONTINUATION, "the JDK lists no monitors of virtual threads");
        List<String> log = new ArrayList<>();
        Asyncio.run(async(() -> {
            try {
                synchronized (monitor) {
                    await(sleep(0.01));
                }
                log.add("awaited inside synchronized");
            } catch (IllegalStateException e) {
                log.add(e.getMessage());
            }
        }), true);
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("await while holding a monitor"), log.get(0));
        assertTrue(log.get(0).contains("asyncrt's Lock"), log.get(0));
    }

    @Test
    void withoutDebugModeTheAwaitWorksAndTheMonitorStaysHeldWhileSuspended() {
        List<String> log = new ArrayList<>();
        Asyncio.run(async(() -> {
            createTask(async(() -> {
                synchronized (monitor) {
                    log.add("holder has the monitor");
                    await(sleep(0.05));
                    log.add("holder resumed");
                }
            }));
            await(sleep(0.01));
            log.add("other task: monitor free from the loop thread? " + !Thread.holdsLock(monitor));
            await(sleep(0.1));
        }), false);
        assertEquals(List.of("holder has the monitor", "other task: monitor free from the loop thread? true", "holder resumed"), log);
    }

    @Test
    void aSecondTaskEnteringTheMonitorBlocksTheWholeLoop() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        Thread loopThread = new Thread(() -> Asyncio.run(async(() -> {
            createTask(async(() -> {
                synchronized (monitor) {
                    await(sleep(3600));
                }
            }));
            createTask(async(() -> {
                while (true) {
                    await(sleep(0.01));
                    ticks.incrementAndGet();
                }
            }));
            await(sleep(0.1));
            synchronized (monitor) {
                ticks.set(-1_000_000);  // never reached
            }
        }), false), "deadlocked-loop");
        loopThread.setDaemon(true);  // it can never finish: that is the point
        loopThread.start();
        Thread.sleep(600);
        int before = ticks.get();
        Thread.sleep(1000);
        assertTrue(before > 0, "the loop ran before the second task took the monitor");
        assertEquals(before, ticks.get(), "the loop went on ticking, but it should be stuck");
        assertTrue(loopThread.isAlive());
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.contextvars.ContextVar;
import asyncrt.events.EventLoop;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asyncio.run called from a running loop: refused as asyncio refuses it, unless the loop allows nested runs
 * (what the Jupyter kernel's loop does for its cells), and then exactly like a script's run, with the host loop's
 * state put back after it.
 */
class NestedRunTest {

    @Test
    void asyncioRunFromARunningLoopIsRefusedAsInAsyncio() {
        EventLoop host = EventLoop.newEventLoop();
        try {
            IllegalStateException refused = host.runUntilComplete(async(() ->
                    assertThrows(IllegalStateException.class, () -> Asyncio.run(async(() -> 1)))));
            assertTrue(refused.getMessage().startsWith("asyncio.run() cannot be called from a running event loop"),
                    refused.getMessage());
        } finally {
            host.close();
        }
    }

    @Test
    void aLoopThatAllowsItRunsAsyncioRunNestedAndGetsItsStateBack() {
        EventLoop host = EventLoop.newEventLoop();
        host.setNestedRunAllowed(true);
        ContextVar<String> user = new ContextVar<>("user", "nobody");
        List<String> log = new ArrayList<>();
        try {
            host.runUntilComplete(async(() -> {
                user.set("ada");
                Task<Void> background = createTask(async(() -> {
                    log.add("background ran");
                }));
                int result = Asyncio.run(async(() -> {
                    EventLoop inner = EventLoop.getRunningLoop();
                    log.add("inner loop is another loop: " + (inner != host));
                    log.add("inner sees the caller's context: " + user.get());
                    await(sleep(0.01));
                    return 42;
                }));
                log.add("result " + result);
                assertSame(host, EventLoop.getRunningLoop(), "the host loop runs here again");
                await(background);
                log.add("host loop went on");
            }));
        } finally {
            host.close();
        }
        assertEquals(List.of("inner loop is another loop: true", "inner sees the caller's context: ada", "result 42",
                "background ran", "host loop went on"), log, "the host loop waited while the nested run ran");
    }

    @Test
    void aCoroutineAwaitedInsideATaskMustAwaitInsteadEvenWhenNestedRunsAreAllowed() {
        EventLoop host = EventLoop.newEventLoop();
        host.setNestedRunAllowed(true);
        try {
            String message = host.runUntilComplete(async(() -> await(async(() -> {
                try {
                    Asyncio.run(async(() -> 1));
                    return "ran";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            }))));
            assertTrue(message.startsWith("asyncio.run() cannot be called from a running event loop"), message);
        } finally {
            host.close();
        }
    }

    @Test
    void anotherLoopsRunUntilCompleteRunsNestedWhereAllowedAndIsRefusedElsewhere() {
        EventLoop host = EventLoop.newEventLoop();
        try {
            String refused = host.runUntilComplete(async(() -> {
                EventLoop other = EventLoop.newEventLoop();
                try {
                    other.runUntilComplete(async(() -> 1));
                    return "ran";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                } finally {
                    other.close();
                }
            }));
            assertEquals("Cannot run the event loop while another loop is running", refused);
            host.setNestedRunAllowed(true);
            int value = host.runUntilComplete(async(() -> {
                EventLoop other = EventLoop.newEventLoop();
                try {
                    return other.runUntilComplete(async(() -> {
                        await(sleep(0.01));
                        return 5;
                    }));
                } finally {
                    other.close();
                }
            }));
            assertEquals(5, value);
        } finally {
            host.close();
        }
    }

    @Test
    void aRunnerClosesInsideALoopThatAllowsNestedRuns() {
        EventLoop host = EventLoop.newEventLoop();
        host.setNestedRunAllowed(true);
        try {
            int value = host.runUntilComplete(async(() -> {
                try (Runner runner = new Runner()) {
                    return runner.run(async(() -> 7)) + runner.run(async(() -> 8));
                }
            }));
            assertEquals(15, value);
        } finally {
            host.close();
        }
    }
}

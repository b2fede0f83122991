package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Tasks: stepping, names, exceptions, and cancellation at every kind of await point. After CPython's test_tasks. */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TaskTest {

    @Test
    void tasksGetDefaultNamesInCreationOrder() {
        VirtualTime.run(async(() -> {
            Task<?> a = createTask(async(() -> { }));
            Task<?> b = createTask(async(() -> { }));
            Task<?> named = createTask(async(() -> { }), "fetcher");
            Matcher m = new Matcher("Task-(\\d+)");
            long na = m.number(a.getName());
            assertEquals(na + 1, m.number(b.getName()));
            assertEquals("fetcher", named.getName());
            await(gather(a, b, named));
        }));
    }

    private record Matcher(String regex) {
        long number(String name) {
            var m = Pattern.compile(regex).matcher(name);
            assertTrue(m.matches(), name);
            return Long.parseLong(m.group(1));
        }
    }

    @Test
    void aTaskEqualsOnlyItselfAndHashesByItsId() {
        VirtualTime.run(async(() -> {
            Task<?> a = createTask(async(() -> { }));
            Task<?> b = createTask(async(() -> { }));
            assertEquals(Long.hashCode(a.id()), a.hashCode());
            assertFalse(a.equals(b));
            assertEquals(2, new java.util.HashSet<>(List.of(a, b, a)).size());
            await(gather(a, b));
        }));
    }

    @Test
    void theMainCoroutineRunsInATaskThatIsCurrent() {
        VirtualTime.run(async(() -> {
            Task<?> me = Asyncio.currentTask();
            assertTrue(me.getName().startsWith("Task-"));
            assertTrue(Asyncio.allTasks().contains(me));
            assertTrue(me.toString().startsWith("<Task pending name='Task-"), me.toString());
        }));
    }

    @Test
    void aCreatedTaskStartsOnlyWhenTheCreatorYields() {
        List<String> order = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                order.add("task runs");
            }));
            order.add("creator continues");
            await(sleep(0));
            order.add("creator after yield");
            await(t);
        }));
        assertEquals(List.of("creator continues", "task runs", "creator after yield"), order);
    }

    @Test
    void awaitRethrowsTheTasksExceptionAsTheSameObject() {
        IllegalStateException boom = new IllegalStateException("boom");
        VirtualTime.run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                await(sleep(0.01));
                throw boom;
            }));
            assertSame(boom, assertThrows(IllegalStateException.class, () -> await(t)));
            assertSame(boom, t.exception());
        }));
    }

    @Test
    void aCheckedExceptionPassesThroughAwaitUnwrapped() {
        java.io.IOException io = new java.io.IOException("disk");
        Throwable caught = assertThrows(java.io.IOException.class, () -> VirtualTime.run(async(() -> {
            await(async(() -> {
                throw io;
            }));
        })));
        assertSame(io, caught);
    }

    @Test
    void aTaskCannotAwaitItself() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VirtualTime.run(async(() -> {
            await(Asyncio.currentTask());
        })));
        assertTrue(e.getMessage().startsWith("Task cannot await on itself: <Task pending"), e.getMessage());
    }

    @Test
    void aFutureOfAnotherLoopIsRefused() {
        EventLoop other = EventLoop.newEventLoop();
        try {
            Future<String> foreign = other.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> VirtualTime.run(async(() -> await(foreign))));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    // ---- cancellation at every kind of await point ------------------------------------------------

    /** Ways a task can be suspended, each paired with what it awaits. */
    static Stream<Arguments> awaitPoints() {
        return Stream.of(
                Arguments.of("sleep", (Function<List<String>, Coroutine<Void>>) log -> sleep(10)),
                Arguments.of("sleep(0) in a loop", (Function<List<String>, Coroutine<Void>>) log -> async(() -> {
                    while (true) {
                        await(sleep(0));
                    }
                })),
                Arguments.of("a pending future", (Function<List<String>, Coroutine<Void>>) log -> async(() -> {
                    await(EventLoop.getRunningLoop().<Void>createFuture());
                })),
                Arguments.of("another task", (Function<List<String>, Coroutine<Void>>) log -> async(() -> {
                    Task<Void> inner = createTask(async(() -> {
                        try {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            log.add("inner task cancelled");
                            throw e;
                        }
                    }));
                    await(inner);
                })),
                Arguments.of("gather", (Function<List<String>, Coroutine<Void>>) log -> async(() -> {
                    await(gather(sleep(10), sleep(10)));
                })),
                Arguments.of("a coroutine awaited inline", (Function<List<String>, Coroutine<Void>>) log -> async(() -> {
                    await(async(() -> {
                        await(async(() -> {
                            await(sleep(10));
                        }));
                    }));
                })));
    }

    @ParameterizedTest(name = "cancelled while awaiting {0}")
    @MethodSource("awaitPoints")
    void cancellationArrivesAtTheAwaitAndFinallyBlocksRun(String point, Function<List<String>, Coroutine<Void>> waiting) {
        List<String> log = new ArrayList<>();
        // The real clock: a task spinning on sleep(0) never lets the loop idle, and a virtual clock moves only then.
        Asyncio.run(async(() -> {
            Task<Void> victim = createTask(async(() -> {
                try {
                    await(waiting.apply(log));
                    log.add("not reached");
                } catch (CancelledError e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                } finally {
                    log.add("finally");
                }
            }));
            await(sleep(0.02));
            assertTrue(victim.cancel("stop it"));
            CancelledError e = assertThrows(CancelledError.class, () -> await(victim));
            assertTrue(victim.cancelled());
            log.add("awaiter saw: " + e.getMessage());
        }));
        log.remove("inner task cancelled");
        assertEquals(List.of("cancelled: stop it", "finally", "awaiter saw: stop it"), log, point);
    }

    @Test
    void aTaskThatSwallowsCancellationEndsWithItsResult() {
        VirtualTime.run(async(() -> {
            Task<String> stubborn = createTask(async(() -> {
                try {
                    await(sleep(10));
                    return "slept";
                } catch (CancelledError e) {
                    return "ignored the cancel";
                }
            }));
            await(sleep(0.01));
            stubborn.cancel();
            assertEquals("ignored the cancel", await(stubborn));
            assertFalse(stubborn.cancelled());
            assertEquals(0, stubborn.uncancel());
        }));
    }

    @Test
    void cancellingATaskBeforeItStartsCancelsItAtItsFirstStep() {
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                log.add("ran");
            }));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
        }));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void cancellingAndUncancelCountRequests() {
        VirtualTime.run(async(() -> {
            Task<Void> t = createTask(sleep(10));
            await(sleep(0));
            assertEquals(0, t.cancelling());
            assertTrue(t.cancel());
            assertTrue(t.cancel());
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
            assertThrows(CancelledError.class, () -> await(t));
            assertFalse(t.cancel(), "a done task cannot be cancelled");
        }));
    }

    @Test
    void cancellingADoneTaskReturnsFalse() {
        VirtualTime.run(async(() -> {
            Task<Integer> t = createTask(async(() -> 1));
            assertEquals(1, await(t));
            assertFalse(t.cancel());
            assertFalse(t.cancelled());
        }));
    }

    @Test
    void cancellationPropagatesToTheTaskAwaited() {
        VirtualTime.run(async(() -> {
            Task<Void> inner = createTask(sleep(10));
            Task<Void> outer = createTask(async(() -> {
                await(inner);
            }));
            await(sleep(0.01));
            outer.cancel();
            assertThrows(CancelledError.class, () -> await(outer));
            assertTrue(inner.cancelled(), "cancelling the awaiter cancels the awaited task, as in asyncio");
        }));
    }

    @Test
    void allTasksListsThePendingOnes() {
        VirtualTime.run(async(() -> {
            Task<Void> a = createTask(sleep(0.05));
            Task<Void> b = createTask(sleep(0.05));
            List<Task<?>> all = Asyncio.allTasks();
            assertTrue(all.containsAll(List.of(a, b, Asyncio.currentTask())), all.toString());
            await(gather(a, b));
            assertEquals(List.of(Asyncio.currentTask()), Asyncio.allTasks());
        }));
    }

    @Test
    void currentTaskOutsideATaskIsNull() {
        EventLoop loop = EventLoop.newEventLoop();
        List<Task<?>> seen = new ArrayList<>();
        loop.callSoon(() -> {
            seen.add(Asyncio.currentTask());
            loop.stop();
        });
        loop.runForever();
        loop.close();
        assertEquals(1, seen.size());
        assertNull(seen.get(0));
    }

    @Test
    void aTaskExceptionNeverRetrievedIsReported() {
        List<Map<String, Object>> reports = new ArrayList<>();
        VirtualTime.run(async(() -> {
            EventLoop.getRunningLoop().setExceptionHandler((l, c) -> reports.add(c));
            failInTheBackground();
            await(sleep(0.02));
            for (int i = 0; i < 50 && reports.isEmpty(); i++) {
                System.gc();
                await(sleep(0.02));
            }
        }));
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Task exception was never retrieved", reports.get(0).get("message"));
        assertTrue(String.valueOf(reports.get(0).get("future")).startsWith("<Task finished name='Task-"), reports.toString());
    }

    private static void failInTheBackground() {
        createTask(async(() -> {
            throw new IllegalStateException("nobody looks");
        }));
    }

    @Test
    void theTaskReprShowsStateNameCoroutineAndWhatItWaitsFor() {
        VirtualTime.run(async(() -> {
            Future<String> gate = EventLoop.getRunningLoop().createFuture();
            Task<String> t = createTask(waiter(gate), "waiter");
            await(sleep(0));
            assertEquals("<Task pending name='waiter' coro=<coroutine object waiter() suspended> wait_for=<Future pending cb=[Task.task_wakeup()]>>", t.toString());
            gate.setResult("go");
            await(t);
            assertEquals("<Task finished name='waiter' coro=<coroutine object waiter() closed> result='go'>", t.toString());
        }));
    }

    @Test
    void aWaitingTasksWakeUpIsTheAwaitedFuturesCallbackAndEqualsItselfAsBoundMethodsDo() {
        VirtualTime.run(async(() -> {
            Future<String> gate = EventLoop.getRunningLoop().createFuture();
            Task<String> t = createTask(waiter(gate), "waiter");
            await(sleep(0));
            assertEquals(1, gate.callbacks().size());
            assertEquals(gate.callbacks(), gate.callbacks());
            assertEquals("Task.task_wakeup()", gate.callbacks().get(0).toString());
            gate.setResult("go");
            assertEquals("go", await(t));
        }));
    }

    private static Coroutine<String> waiter(Future<String> gate) {
        return async(() -> await(gate));
    }

    @Test
    void aTaskRefusesSetResultAndSetExceptionAsAsyncioDoes() {  // test_tasks.py: test_task_set_methods
        VirtualTime.run(async(() -> {
            Future<String> gate = EventLoop.getRunningLoop().createFuture();
            Task<String> t = createTask(waiter(gate));
            assertEquals("Task does not support set_result operation",
                    assertThrows(IllegalStateException.class, () -> t.setResult("forced")).getMessage());
            assertEquals("Task does not support set_exception operation",
                    assertThrows(IllegalStateException.class, () -> t.setException(new IllegalStateException("forced"))).getMessage());
            assertFalse(t.done(), "refused means the task is untouched");
            gate.setResult("its own result");
            assertEquals("its own result", await(t));
        }));
    }
}

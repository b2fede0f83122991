package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.currentTask;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.taskGroup;
import static asyncrt.Asyncio.timeout;
import static asyncrt.VirtualTime.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.combinators.ExceptionGroup;
import asyncrt.combinators.TaskGroup;
import asyncrt.combinators.TimeoutError;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.introspect.FrameInfo;
import asyncrt.introspect.Introspect;
import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TaskInfo;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code taskGroup} as CPython 3.12's {@code asyncio.TaskGroup}: a failing task cancels its siblings and
 * the body (which sees CancelledError at its await), the group withdraws that cancellation and throws an
 * ExceptionGroup on exit. After CPython's test_taskgroups.py, on a virtual clock.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupTest {
    static final class MyExc extends RuntimeException {
        MyExc() {
            super("my exc");
        }
    }

    static <T> Coroutine<T> after(double delay, T value) {
        return async(() -> {
            await(sleep(delay));
            return value;
        });
    }

    static Coroutine<Void> crashAfter(double delay) {
        return async(() -> {
            await(sleep(delay));
            throw new ArithmeticException("/ by zero");
        });
    }

    static Set<Class<?>> errorTypes(ExceptionGroup group) {
        return group.exceptions().stream().map(Object::getClass).collect(Collectors.toSet());
    }

    @Test
    void theGroupWaitsForItsTasks() {  // test_taskgroup_01, test_taskgroup_02
        VirtualTime.run(async(() -> {
            List<Task<Integer>> t = new ArrayList<>();
            await(taskGroup(tg -> {
                t.add(tg.createTask(after(0.1, 42)));
                await(sleep(0.15));
                t.add(tg.createTask(after(0.2, 11)));
            }));
            assertEquals(42, t.get(0).result());
            assertEquals(11, t.get(1).result());
            assertEquals(0.35, now(), 1e-9);
        }));
    }

    @Test
    void aChildCancelledByHandDoesNotStopTheGroup() {  // test_taskgroup_03
        VirtualTime.run(async(() -> {
            List<Task<Integer>> t = new ArrayList<>();
            await(taskGroup(tg -> {
                t.add(tg.createTask(after(1, 42)));
                await(sleep(0.15));
                t.get(0).cancel();
                t.add(tg.createTask(after(0.2, 11)));
            }));
            assertTrue(t.get(0).cancelled());
            assertEquals(11, t.get(1).result());
        }));
    }

    @Test
    void aFailingChildCancelsItsSiblingsAndTheBody() {  // test_taskgroup_04, test_cancel_children_on_child_error
        List<String> log = new ArrayList<>();
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> VirtualTime.run(async(() -> {
            await(taskGroup(tg -> {
                tg.createTask(crashAfter(0.1));
                tg.createTask(crashAfter(0.1));
                tg.createTask(async(() -> {
                    try {
                        await(sleep(5));
                    } catch (CancelledError e) {
                        log.add("sibling cancelled");
                        throw e;
                    }
                }));
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    log.add("body cancelled");
                    throw e;
                }
            }));
            log.add("not reached");
        })));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(group));
        assertEquals(2, group.exceptions().size());
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", group.getMessage());
        assertEquals(List.of("sibling cancelled", "body cancelled"), log, "CPython's order: the siblings are cancelled first");
    }

    @Test
    void aBodyCatchingExceptionCannotSwallowTheGroupsFailure() {
        List<String> log = new ArrayList<>();
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> VirtualTime.run(async(() -> {
            await(taskGroup(tg -> {
                tg.createTask(crashAfter(0.1));
                try {
                    await(sleep(10));
                    log.add("slept");
                } catch (Exception e) {
                    log.add("swallowed " + e);
                }
                log.add("body went on");
            }));
        })));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(group));
        assertEquals(List.of(), log);
    }

    @Test
    void afterAFailedGroupIsCaughtTheTaskIsNotLeftCancelled() {  // the pattern of the comment in taskgroups.py's _on_task_done
        VirtualTime.run(async(() -> {
            try {
                await(taskGroup(tg -> {
                    tg.createTask(crashAfter(0.1));
                    await(sleep(10));
                }));
            } catch (Exception e) {
                assertInstanceOf(ExceptionGroup.class, e);
            }
            assertEquals(0, currentTask().cancelling());
            await(sleep(1));  // would throw CancelledError if the group's cancellation were left
            assertEquals(1.1, now(), 1e-9);
        }));
    }

    @Test
    void anOutsideCancelDuringAFailureIsKeptPending() {
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Task<Void> task = createTask(async(() -> {
                try {
                    await(taskGroup(tg -> {
                        tg.createTask(crashAfter(0.1));
                        try {
                            await(sleep(10));
                        } catch (CancelledError e) {
                            await(sleep(1));  // clean-up, during which the task is cancelled from outside
                            throw e;
                        }
                    }));
                } catch (ExceptionGroup e) {
                    log.add("ExceptionGroup, cancelling=" + currentTask().cancelling());
                }
                try {
                    await(sleep(1));
                    log.add("not cancelled");
                } catch (CancelledError e) {
                    log.add("still cancelled");
                    throw e;
                }
            }));
            await(sleep(0.5));
            task.cancel();
            assertThrows(CancelledError.class, () -> await(task));
        }));
        assertEquals(List.of("ExceptionGroup, cancelling=1", "still cancelled"), log);
    }

    @Test
    void cancellingTheParentCancelsTheChildrenAndKeepsTheMessage() {  // test_cancellation, test_taskgroup_07
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Task<Void> runner = createTask(async(() -> {
                await(taskGroup(tg -> {
                    for (int i = 0; i < 5; i++) {
                        tg.createTask(async(() -> {
                            try {
                                await(sleep(5));
                            } catch (CancelledError e) {
                                log.add("child");
                                throw e;
                            }
                        }));
                    }
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        log.add("body");
                        throw e;
                    }
                }));
            }));
            await(sleep(0.1));
            assertFalse(runner.done());
            runner.cancel("test");
            CancelledError e = assertThrows(CancelledError.class, () -> await(runner));
            assertEquals("test", e.getMessage());
        }));
        assertEquals(List.of("body", "child", "child", "child", "child", "child"), log);
    }

    @Test
    void theBodysOwnExceptionCancelsTheTasksAndJoinsTheGroup() {  // test_taskgroup_09, test_taskgroup_10
        List<Task<Integer>> t = new ArrayList<>();
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> VirtualTime.run(async(() -> {
            await(taskGroup(tg -> {
                t.add(tg.createTask(after(1, 42)));
                t.add(tg.createTask(after(2, 11)));
                await(sleep(0.1));
                throw new MyExc();
            }));
        })));
        assertEquals(Set.of(MyExc.class), errorTypes(group));
        assertTrue(t.get(0).cancelled() && t.get(1).cancelled());
    }

    @Test
    void anInnerGroupsFailureIsOneErrorOfTheOuterGroup() {  // test_taskgroup_13, test_taskgroup_14
        ExceptionGroup outer = assertThrows(ExceptionGroup.class, () -> VirtualTime.run(async(() -> {
            await(taskGroup(g1 -> {
                g1.createTask(crashAfter(10));
                await(taskGroup(g2 -> g2.createTask(crashAfter(0.1))));
            }));
        })));
        assertEquals(Set.of(ExceptionGroup.class), errorTypes(outer));
        assertEquals(Set.of(ArithmeticException.class), errorTypes((ExceptionGroup) outer.exceptions().get(0)));
    }

    @Test
    void aBodyCleaningUpAfterAnOutsideCancelIsWaitedForAndAFailureMeanwhileWins() {  // test_taskgroup_15, as CPython runs it
        VirtualTime.run(async(() -> {
            Task<Void> runner = createTask(async(() -> {
                await(taskGroup(tg -> {
                    tg.createTask(crashAfter(0.3));
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        await(sleep(0.5));
                        throw e;
                    }
                }));
            }));
            await(sleep(0.1));
            runner.cancel();
            // The child fails at 0.3 while the body cleans up: its error has priority over the cancellation.
            assertEquals(Set.of(ArithmeticException.class), errorTypes(assertThrows(ExceptionGroup.class, () -> await(runner))));
            assertEquals(0.3, now(), 1e-9);
        }));
    }

    @Test
    void aBodyThatTurnsTheCancellationIntoAnErrorGivesAGroup() {  // test_taskgroup_18, test_taskgroup_19
        VirtualTime.run(async(() -> {
            Task<Void> runner = createTask(async(() -> {
                await(taskGroup(tg -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        throw new MyExc();
                    }
                }));
            }));
            await(sleep(0.1));
            runner.cancel();
            assertEquals(Set.of(MyExc.class), errorTypes(assertThrows(ExceptionGroup.class, () -> await(runner))));

            ExceptionGroup both = assertThrows(ExceptionGroup.class, () -> await(taskGroup(tg -> {
                tg.createTask(crashAfter(0.1));
                try {
                    await(sleep(10));
                } finally {
                    throw new MyExc();
                }
            })));
            assertEquals(Set.of(MyExc.class, ArithmeticException.class), errorTypes(both));
            assertEquals(0, currentTask().cancelling());
        }));
    }

    @Test
    void aTimeoutAroundAGroupTimesOutAndCancelsTheTasks() {
        VirtualTime.run(async(() -> {
            List<Task<Integer>> t = new ArrayList<>();
            assertThrows(TimeoutError.class, () -> await(timeout(0.5, () -> {
                await(taskGroup(tg -> {
                    t.add(tg.createTask(after(10, 1)));
                    t.add(tg.createTask(after(20, 2)));
                }));
            })));
            assertTrue(t.get(0).cancelled() && t.get(1).cancelled());
            assertEquals(0.5, now(), 1e-9);
            assertEquals(0, currentTask().cancelling());
        }));
    }

    @Test
    void aGroupIsEnteredOnceAndTakesNoTasksOutsideItsBody() {  // test_taskgroup_23 and the create_task checks
        VirtualTime.run(async(() -> {
            TaskGroup tg = new TaskGroup();
            Coroutine<Integer> early = after(0, 1);
            assertEquals("TaskGroup <TaskGroup> has not been entered",
                    assertThrows(IllegalStateException.class, () -> tg.createTask(early)).getMessage());
            Coroutine<Void> body = tg.run(g -> {
                assertEquals("<TaskGroup entered>", g.toString());
                assertEquals("TaskGroup <TaskGroup entered> has already been entered",
                        assertThrows(IllegalStateException.class, () -> await(g.run(inner -> { }))).getMessage());
            });
            await(body);
            Coroutine<Integer> late = after(0, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tg.createTask(late));
            assertEquals("TaskGroup <TaskGroup entered> is finished", e.getMessage());
        }));
    }

    @Test
    void theParentsCancellationIsTheSameObject() {
        VirtualTime.run(async(() -> {
            CancelledError[] seen = new CancelledError[1];
            Task<Void> runner = createTask(async(() -> {
                await(taskGroup(tg -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        seen[0] = e;
                        throw e;
                    }
                }));
            }));
            await(sleep(0.1));
            runner.cancel();
            CancelledError out = assertThrows(CancelledError.class, () -> await(runner));
            assertSame(seen[0], out);
        }));
    }

    @Test
    void aTaskWaitingForItsGroupSaysSo() {
        VirtualTime.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Task<Void> parent = createTask(async(() -> {
                await(timeout(10, () -> {
                    await(taskGroup(tg -> tg.createTask(sleep(5), "child")));
                }));
            }), "parent");
            await(sleep(1));
            LoopSnapshot snapshot = Introspect.snapshot(loop);
            TaskInfo info = snapshot.tasks().stream().filter(t -> t.name().equals("parent")).findFirst().orElseThrow();
            assertEquals(List.of("taskGroup", "timeout", "aTaskWaitingForItsGroupSaysSo"),
                    info.stack().stream().map(FrameInfo::coroutine).toList());
            assertEquals("taskGroup()", info.awaiting().replaceAll(" .*", ""), info.awaiting());
            await(parent);
        }));
    }
}

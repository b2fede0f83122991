package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.currentTask;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.timeout;
import static asyncrt.Asyncio.timeoutAt;
import static asyncrt.VirtualTime.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.combinators.Timeout;
import asyncrt.combinators.TimeoutError;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.VirtualClock;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code timeout} and {@code timeoutAt} as CPython 3.12's {@code asyncio.timeout}: the body sees a
 * CancelledError at its await, and the scope turns it into a TimeoutError on the way out, only for its
 * own deadline. After CPython's test_timeouts.py, on a virtual clock (exact times, no waiting).
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutTest {

    @Test
    void theBodySeesCancelledErrorAndTheScopeThrowsTimeoutError() {  // test_timeout_basic, test_waiter_cancelled
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            Timeout cm = timeout(0.01);
            TimeoutError e = assertThrows(TimeoutError.class, () -> await(cm.run(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError cancelled) {
                    log.add("body: CancelledError");
                    throw cancelled;
                }
            })));
            log.add("scope: TimeoutError");
            assertTrue(cm.expired());
            assertInstanceOf(CancelledError.class, e.getCause(), "the CancelledError is the TimeoutError's cause");
            assertEquals(0.01, now(), 1e-9);
            assertEquals(0, currentTask().cancelling());
        }));
        assertEquals(List.of("body: CancelledError", "scope: TimeoutError"), log);
    }

    @Test
    void aBodyThatCatchesExceptionStillStopsAtTheDeadline() {
        List<Integer> attempts = new ArrayList<>();
        VirtualTime.run(async(() -> {
            assertThrows(TimeoutError.class, () -> await(timeout(1, () -> {
                while (true) {  // a retry loop: any failure is retried
                    try {
                        attempts.add(attempts.size());
                        await(sleep(0.3));
                        throw new IllegalStateException("flaky");
                    } catch (Exception e) {
                        // retry
                    }
                }
            })));
            assertEquals(1.0, now(), 1e-9);
        }));
        assertEquals(4, attempts.size(), "attempts at 0, 0.3, 0.6, 0.9; the fourth is cut by the deadline");
    }

    @Test
    void nestedTimeoutsOnlyTheOneWhoseDeadlinePassedThrowsTimeoutError() {  // test_nested_timeouts
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            double deadline = now() + 0.01;
            Timeout cm1 = timeoutAt(deadline);
            Timeout cm2 = timeoutAt(deadline);
            assertThrows(TimeoutError.class, () -> await(cm1.run(() -> {
                try {
                    await(cm2.run(() -> {
                        await(sleep(10));
                    }));
                } catch (CancelledError e) {
                    log.add("inner scope: CancelledError");
                    throw e;
                }
            })));
            assertTrue(cm1.expired());
            assertTrue(cm2.expired());
        }));
        assertEquals(List.of("inner scope: CancelledError"), log);
    }

    @Test
    void anInnerCatchOfTimeoutErrorDoesNotCatchTheOuterDeadline() {
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            assertThrows(TimeoutError.class, () -> await(timeout(0.1, () -> {
                try {
                    await(timeout(5, () -> {
                        await(sleep(10));
                    }));
                } catch (TimeoutError e) {
                    log.add("inner caught a TimeoutError");  // wrong: that deadline was the outer one
                }
                log.add("after the inner block");
            })));
        }));
        assertEquals(List.of(), log);
    }

    @Test
    void anInnerDeadlineIsCaughtInsideAndTheOuterOneStillCuts() {  // test_nested_timeouts_loop_busy
        VirtualClock clock = new VirtualClock();
        List<String> log = new ArrayList<>();
        VirtualTime.run(clock, async(() -> {
            double t0 = now();
            assertThrows(TimeoutError.class, () -> await(timeout(0.1, () -> {
                try {
                    await(timeout(0.01, () -> {
                        clock.advance(0.05);  // busy: the inner deadline passes, not the outer
                        await(sleep(1));
                    }));
                } catch (TimeoutError e) {
                    log.add("inner TimeoutError at " + Math.round((now() - t0) * 1000) + " ms");
                }
                await(sleep(10));
            })));
            log.add("outer TimeoutError at " + Math.round((now() - t0) * 1000) + " ms");
        }));
        assertEquals(List.of("inner TimeoutError at 50 ms", "outer TimeoutError at 100 ms"), log);
    }

    @Test
    void aBusyLoopPastTheOuterDeadlineOnlyIsTheOutersTimeout() {  // test_nested_timeouts_concurrent
        VirtualClock clock = new VirtualClock();
        List<String> log = new ArrayList<>();
        VirtualTime.run(clock, async(() -> {
            assertThrows(TimeoutError.class, () -> await(timeout(0.002, () -> {
                try {
                    await(timeout(0.1, () -> {
                        clock.advance(0.01);  // crunching numbers: past the outer deadline, not the inner
                        await(sleep(1));
                    }));
                } catch (CancelledError e) {
                    log.add("inner scope: CancelledError");
                    throw e;
                }
            })));
        }));
        assertEquals(List.of("inner scope: CancelledError"), log);
    }

    @Test
    void anExternalCancelRacingTheDeadlineIsNotLost() {
        VirtualTime.run(async(() -> {
            List<String> log = new ArrayList<>();
            Task<Void> worker = createTask(async(() -> {
                await(timeout(1, () -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        log.add("cancelled by " + (now() < 1 ? "task.cancel()" : "the deadline"));
                        await(sleep(2));  // clean-up that outlives the deadline
                        throw e;
                    }
                }));
                log.add("not reached: the task goes on as if timed out");
            }));
            await(sleep(0.5));
            worker.cancel();
            CancelledError e = assertThrows(CancelledError.class, () -> await(worker));
            assertTrue(worker.cancelled());
            assertEquals(List.of("cancelled by task.cancel()"), log);
        }));
    }

    @Test
    void anExternalCancelAfterTheDeadlineIsNotLostEither() {
        VirtualTime.run(async(() -> {
            Task<Void> worker = createTask(async(() -> {
                await(timeout(1, () -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        await(sleep(2));  // the deadline's cancellation is being handled; now task.cancel() comes
                        throw e;
                    }
                }));
            }));
            await(sleep(1.5));
            worker.cancel();
            assertThrows(CancelledError.class, () -> await(worker));
            assertTrue(worker.cancelled(), "a cancel from outside wins over the timeout");
        }));
    }

    @Test
    void cleanUpInCatchCancelledErrorAndFinallyRuns() {
        List<String> log = new ArrayList<>();
        VirtualTime.run(async(() -> {
            try {
                await(timeout(0.5, () -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        log.add("catch CancelledError");
                        throw e;
                    } finally {
                        log.add("finally");
                    }
                }));
            } catch (TimeoutError e) {
                log.add("TimeoutError");
            }
        }));
        assertEquals(List.of("catch CancelledError", "finally", "TimeoutError"), log);
    }

    @Test
    void aBodyFinishedInTimeReturnsItsValue() {  // test_timeout_not_called
        VirtualTime.run(async(() -> {
            Timeout cm = timeout(10);
            assertEquals("done", await(cm.run(() -> {
                await(sleep(0.01));
                return "done";
            })));
            assertFalse(cm.expired());
            assertTrue(cm.when() > now());
            assertEquals("<Timeout [finished]>", cm.toString());
        }));
    }

    @Test
    void noDeadlineNeverExpires() {  // test_timeout_disabled, test_timeout_at_disabled
        VirtualTime.run(async(() -> {
            Timeout cm = timeoutAt(null);
            await(cm.run(() -> {
                assertEquals("<Timeout [active] when=None>", cm.toString());
                await(sleep(100));
            }));
            assertFalse(cm.expired());
            assertNull(cm.when());
        }));
    }

    @Test
    void timeoutZeroExpiresEvenOnSleepZero() {  // test_timeout_zero, test_timeout_zero_sleep_zero, test_timeout_in_the_past_sleep_zero
        VirtualTime.run(async(() -> {
            for (double delay : new double[] {0, -11}) {
                double t0 = now();
                Timeout cm = timeout(delay);
                assertThrows(TimeoutError.class, () -> await(cm.run(() -> {
                    await(sleep(0));
                })));
                assertTrue(cm.expired());
                assertEquals(t0 + delay, cm.when(), 1e-9);
                assertEquals("<Timeout [expired]>", cm.toString());
            }
        }));
    }

    @Test
    void aForeignExceptionPassesUnchanged() {  // test_foreign_exception_passed, test_foreign_exception_on_timeout
        VirtualTime.run(async(() -> {
            Timeout cm = timeout(0.01);
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> await(cm.run(() -> {
                throw boom;
            }))));
            assertFalse(cm.expired());
            ArithmeticException crash = assertThrows(ArithmeticException.class, () -> await(timeout(0.01, () -> {
                try {
                    await(sleep(1));
                } finally {
                    int zero = 0;
                    System.out.println(1 / zero);
                }
            })));
            assertEquals("/ by zero", crash.getMessage());
            assertEquals(0, currentTask().cancelling());
        }));
    }

    @Test
    void aForeignCancelIsNotATimeout() {  // test_foreign_cancel_doesnt_timeout_if_not_expired
        VirtualTime.run(async(() -> {
            Task<Void> task = createTask(async(() -> {
                Timeout cm = timeout(10);
                try {
                    await(cm.run(() -> {
                        currentTask().cancel();
                        await(sleep(10));
                    }));
                } finally {
                    assertFalse(cm.expired());
                }
            }));
            assertThrows(CancelledError.class, () -> await(task));
        }));
    }

    @Test
    void theTaskIsNotLeftCancelled() {  // test_outer_task_is_not_cancelled
        VirtualTime.run(async(() -> {
            Task<Void> task = createTask(async(() -> {
                assertThrows(TimeoutError.class, () -> await(timeout(0.001, () -> {
                    await(sleep(10));
                })));
                await(sleep(0.01));  // would throw if a cancellation were left pending
            }));
            await(task);
            assertFalse(task.cancelled());
            assertTrue(task.done());
        }));
    }

    @Test
    void rescheduleMovesTheDeadline() {  // test_reschedule
        VirtualTime.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Timeout> entered = loop.createFuture();
            double deadline1 = now() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = createTask(async(() -> {
                Timeout cm = timeoutAt(deadline1);
                await(cm.run(() -> {
                    entered.setResult(cm);
                    await(sleep(50));
                }));
            }));
            Timeout cm = await(entered);
            assertEquals(deadline1, cm.when());
            assertTrue(cm.toString().matches("<Timeout \\[active] when=\\d+\\.\\d*>"), cm.toString());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(null);
            assertNull(cm.when());
            task.cancel();
            assertThrows(CancelledError.class, () -> await(task));
            assertFalse(cm.expired());
        }));
    }

    @Test
    void rescheduleLaterLetsTheBodyFinish() {
        VirtualTime.run(async(() -> {
            Timeout cm = timeout(1);
            await(cm.run(() -> {
                cm.reschedule(now() + 5);
                await(sleep(3));
            }));
            assertFalse(cm.expired());
            assertEquals(3, now(), 1e-9);
        }));
    }

    @Test
    void aNestedTimeoutInFinallyWorks() {  // test_nested_timeout_in_finally
        VirtualTime.run(async(() -> {
            assertThrows(TimeoutError.class, () -> await(timeout(0.01, () -> {
                try {
                    await(sleep(1));
                } finally {
                    assertThrows(TimeoutError.class, () -> await(timeout(0.01, () -> {
                        await(sleep(10));
                    })));
                }
            })));
        }));
    }

    @Test
    void aTimeoutAfterAHandledCancellation() {  // test_timeout_after_cancellation, test_cancel_in_timeout_after_cancellation
        VirtualTime.run(async(() -> {
            try {
                currentTask().cancel();
                await(sleep(1));
            } catch (CancelledError e) {
                // handled, but not uncancelled: cancelling() stays 1
            } finally {
                assertThrows(TimeoutError.class, () -> await(timeout(0.0, () -> {
                    await(sleep(1));
                })));
                assertThrows(CancelledError.class, () -> await(timeout(1.0, () -> {
                    currentTask().cancel();
                    await(sleep(2));
                })));
            }
        }));
    }

    @Test
    void aTimeoutIsEnteredOnce() {  // test_timeout_already_entered, test_timeout_double_enter, test_timeout_finished, test_timeout_not_entered
        VirtualTime.run(async(() -> {
            Timeout cm = timeout(0.01);
            assertEquals("Timeout has not been entered", assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02)).getMessage());
            await(cm.run(() -> {
                assertEquals("Timeout has already been entered",
                        assertThrows(IllegalStateException.class, () -> await(cm.run(() -> { }))).getMessage());
            }));
            assertEquals("Timeout has already been entered", assertThrows(IllegalStateException.class, () -> await(cm.run(() -> { }))).getMessage());
            assertEquals("Cannot change state of finished Timeout", assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02)).getMessage());
        }));
    }

    @Test
    void aTimeoutOutsideATaskIsAnError() {  // test_timeout_without_task
        EventLoop loop = new EventLoop(new VirtualClock());
        String[] message = new String[1];
        loop.callSoon(() -> {
            Timeout cm = timeout(0.01);
            Coroutine<Void> body = cm.run(() -> { });
            try {
                body.send(null);  // driven by hand, not by a task
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        loop.close();
        assertEquals("Timeout should be used inside a task", message[0]);
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.InvalidStateError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Future's state machine and callbacks, after CPython's test_futures. */
class FutureTest {
    private EventLoop loop;

    @BeforeEach
    void newLoop() {
        loop = EventLoop.newEventLoop();
    }

    @AfterEach
    void closeLoop() {
        loop.close();
    }

    private void turn() {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    @Test
    void aPendingFutureHasNoResultYet() {
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertFalse(f.cancelled());
        assertEquals("Result is not set.", assertThrows(InvalidStateError.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
        assertEquals("<Future pending>", f.toString());
    }

    @Test
    void aResultIsSetOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("x");
        assertTrue(f.done());
        assertEquals("x", f.result());
        assertNull(f.exception());
        assertEquals("<Future finished result='x'>", f.toString());
        InvalidStateError e = assertThrows(InvalidStateError.class, () -> f.setResult("y"));
        assertEquals("FINISHED: <Future finished result='x'>", e.getMessage());
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    @Test
    void resultRethrowsTheExceptionItself() {
        Future<String> f = loop.createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        f.setException(boom);
        assertSame(boom, assertThrows(IllegalArgumentException.class, f::result));
        assertSame(boom, f.exception());
        assertEquals("<Future finished exception=IllegalArgumentException('boom')>", f.toString());
    }

    @Test
    void cancellingGivesCancelledErrorsCarryingTheMessage() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("no longer needed"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertEquals("no longer needed", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("no longer needed", assertThrows(CancelledError.class, f::exception).getMessage());
        assertFalse(f.cancel());
        assertEquals("<Future cancelled>", f.toString());
    }

    @Test
    void doneCallbacksAreScheduledNotRunInline() {
        Future<String> f = loop.createFuture();
        List<String> calls = new ArrayList<>();
        f.addDoneCallback(done -> calls.add("first " + done.result()));
        f.addDoneCallback(done -> calls.add("second"));
        f.setResult("r");
        assertTrue(calls.isEmpty(), "a callback ran inline");
        turn();
        assertEquals(List.of("first r", "second"), calls);
        f.addDoneCallback(done -> calls.add("late"));
        assertEquals(2, calls.size(), "a late callback ran inline");
        turn();
        assertEquals("late", calls.get(2));
    }

    @Test
    void removeDoneCallbackRemovesEveryRegistrationOfIt() {
        Future<String> f = loop.createFuture();
        List<String> calls = new ArrayList<>();
        Consumer<Future<String>> cb = done -> calls.add("cb");
        f.addDoneCallback(cb);
        f.addDoneCallback(done -> calls.add("other"));
        f.addDoneCallback(cb);
        assertEquals(2, f.removeDoneCallback(cb));
        assertEquals(0, f.removeDoneCallback(cb));
        f.setResult("r");
        turn();
        assertEquals(List.of("other"), calls);
    }

    @Test
    void awaitingAFutureSuspendsUntilItIsDone() {
        Future<String> f = loop.createFuture();
        loop.callLater(0.02, () -> f.setResult("ready"));
        assertEquals("ready!", loop.runUntilComplete(async(() -> await(f) + "!")));
    }

    @Test
    void anExceptionNeverRetrievedIsReported() {
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        failAndForget(loop);
        Gc.collectUntil(() -> !reports.isEmpty());
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("Future exception was never retrieved", reports.get(0).get("message"));
        assertEquals("forgotten", ((Throwable) reports.get(0).get("exception")).getMessage());
    }

    @Test
    void aRetrievedExceptionIsNotReported() {
        List<Map<String, Object>> reports = new ArrayList<>();
        loop.setExceptionHandler((l, context) -> reports.add(context));
        Future<String> f = loop.createFuture();
        f.setException(new RuntimeException("seen"));
        f.exception();
        f = null;
        Gc.collectFor(200);
        assertTrue(reports.isEmpty(), reports.toString());
    }

    private static void failAndForget(EventLoop loop) {
        Future<String> f = loop.createFuture();
        f.setException(new RuntimeException("forgotten"));
    }

}

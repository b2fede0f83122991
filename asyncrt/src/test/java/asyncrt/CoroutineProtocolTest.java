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

import asyncrt.coroutines.Coroutine;
import asyncrt.coroutines.GeneratorExit;
import asyncrt.coroutines.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's coroutine protocol — send, throw, close — driven by hand, as section 14 does. */
class CoroutineProtocolTest {

    record Request(String what) { }

    static Coroutine<String> talker(List<String> log) {
        return async(() -> {
            log.add("started");
            Object first = Coroutine.suspend(new Request("one"));
            log.add("got " + first);
            Object second = Coroutine.suspend(new Request("two"));
            log.add("got " + second);
            return "done";
        });
    }

    @Test
    void creatingACoroutineRunsNothing() {
        List<String> log = new ArrayList<>();
        Coroutine<String> coro = talker(log);
        assertTrue(log.isEmpty());
        assertEquals(Coroutine.State.CREATED, coro.state());
        coro.close();
    }

    @Test
    void sendResumesAndReturnsWhatTheBodyYields() {
        List<String> log = new ArrayList<>();
        Coroutine<String> coro = talker(log);
        assertEquals(new Request("one"), coro.send(null));
        assertEquals(Coroutine.State.SUSPENDED, coro.state());
        assertEquals(new Request("two"), coro.send("a"));
        StopIteration stop = assertThrows(StopIteration.class, () -> coro.send("b"));
        assertEquals("done", stop.value());
        assertEquals(List.of("started", "got a", "got b"), log);
        assertEquals(Coroutine.State.CLOSED, coro.state());
    }

    @Test
    void theFirstSendMustBeNull() {
        Coroutine<String> coro = talker(new ArrayList<>());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> coro.send("x"));
        assertTrue(e.getMessage().startsWith("can't send non-None value to a just-started coroutine"), e.getMessage());
        coro.close();
    }

    @Test
    void aFinishedCoroutineCannotBeReused() {
        Coroutine<Integer> coro = async(() -> 1);
        assertEquals(1, assertThrows(StopIteration.class, () -> coro.send(null)).value());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> coro.send(null));
        assertTrue(e.getMessage().startsWith("cannot reuse already awaited coroutine"), e.getMessage());
    }

    @Test
    void throwInRaisesAtTheSuspensionPointAndTheBodyMayHandleIt() {
        List<String> log = new ArrayList<>();
        Coroutine<String> coro = async(() -> {
            try {
                Coroutine.suspend("waiting");
                return "not interrupted";
            } catch (IllegalStateException e) {
                log.add("caught " + e.getMessage());
                return "handled";
            }
        });
        coro.send(null);
        StopIteration stop = assertThrows(StopIteration.class, () -> coro.throwIn(new IllegalStateException("boom")));
        assertEquals("handled", stop.value());
        assertEquals(List.of("caught boom"), log);
    }

    @Test
    void anExceptionTheBodyDoesNotHandleComesOutAsTheSameObject() {
        Coroutine<String> coro = async(() -> {
            Coroutine.suspend(null);
            return "x";
        });
        coro.send(null);
        IllegalStateException thrown = new IllegalStateException("boom");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> coro.throwIn(thrown)));
        assertEquals(Coroutine.State.CLOSED, coro.state());
    }

    @Test
    void throwingIntoAJustCreatedCoroutineRaisesWithoutRunningIt() {
        List<String> log = new ArrayList<>();
        Coroutine<String> coro = talker(log);
        RuntimeException thrown = new RuntimeException("early");
        assertSame(thrown, assertThrows(RuntimeException.class, () -> coro.throwIn(thrown)));
        assertTrue(log.isEmpty());
        assertEquals(Coroutine.State.CLOSED, coro.state());
    }

    @Test
    void closeRunsFinallyBlocksOfASuspendedBody() {
        List<String> log = new ArrayList<>();
        Coroutine<Void> coro = async(() -> {
            try {
                Coroutine.suspend(null);
            } finally {
                log.add("cleaned up");
            }
        });
        coro.send(null);
        coro.close();
        assertEquals(List.of("cleaned up"), log);
        assertEquals(Coroutine.State.CLOSED, coro.state());
        coro.close();  // closing twice is harmless
    }

    @Test
    void aBodyThatYieldsWhileBeingClosedIsAnError() {
        Coroutine<Void> stubborn = async(() -> {
            try {
                Coroutine.suspend(null);
            } catch (GeneratorExit exit) {
                Coroutine.suspend(null);
            }
        });
        stubborn.send(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, stubborn::close);
        assertTrue(e.getMessage().startsWith("coroutine ignored GeneratorExit"), e.getMessage());
    }

    @Test
    void awaitingACoroutineRunsItInlineAndReturnsItsValue() {
        Coroutine<Integer> inner = async(() -> {
            Coroutine.suspend("from inner");
            return 41;
        });
        Coroutine<Integer> outer = async(() -> await(inner) + 1);
        assertEquals("from inner", outer.send(null));
        assertEquals(42, assertThrows(StopIteration.class, () -> outer.send(null)).value());
    }

    @Test
    void awaitingTheSameCoroutineTwiceIsAnError() {
        Coroutine<Integer> inner = async(() -> 1);
        Coroutine<Integer> outer = async(() -> await(inner) + await(inner));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> outer.send(null));
        assertTrue(e.getMessage().startsWith("cannot reuse already awaited coroutine"), e.getMessage());
    }

    @Test
    void awaitOutsideACoroutineSaysWhatToDo() {
        Coroutine<Void> nap = sleep(0.01);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(nap));
        assertTrue(e.getMessage().contains("outside a coroutine"), e.getMessage());
        assertTrue(e.getMessage().contains("Asyncio.run"), e.getMessage());
        nap.close();
    }

    @Test
    void suspendOutsideACoroutineSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coroutine.suspend(null));
        assertTrue(e.getMessage().contains("outside a coroutine"), e.getMessage());
    }

    @Test
    void aCoroutineIsNamedAfterTheMethodThatWroteIt() {
        Coroutine<String> coro = talker(new ArrayList<>());
        assertEquals("talker", coro.getName());
        assertEquals("<coroutine object talker() created>", coro.toString());
        assertEquals("sleep", sleep(1).getName());
        coro.close();
    }

    @Test
    void aCoroutineNeverAwaitedIsReportedWhenCollected() {
        String err = Capture.stderr(() -> {
            forgetACoroutine();
            Gc.collectFor(1000);
        });
        assertTrue(err.contains("RuntimeWarning: coroutine 'forgotten' was never awaited"), err);
    }

    private static void forgetACoroutine() {
        forgotten();
    }

    private static Coroutine<Void> forgotten() {
        return async(() -> { });
    }

    @Test
    void aCoroutineForgottenInsideATaskIsReportedToo() {
        String err = Capture.stderr(() -> {
            Asyncio.run(async(() -> {
                forgotten();
                await(sleep(0));
            }));
            Gc.collectFor(1000);
        });
        assertTrue(err.contains("coroutine 'forgotten' was never awaited"), err);
    }

    @Test
    void aCoroutineAwaitedInTheCallbackThatMadeItIsNotReported() {
        String err = Capture.stderr(() -> {
            Asyncio.run(async(() -> {
                for (int i = 0; i < 1000; i++) {
                    await(sleep(0));
                }
            }));
            Gc.collectFor(200);
        });
        assertFalse(err.contains("never awaited"), err);
    }

    @Test
    void theStateOfAnInlineAwaitIsVisibleFromTheOuterCoroutine() {
        Coroutine<Void> inner = async(() -> {
            Coroutine.suspend("pause");
        });
        Coroutine<Void> outer = async(() -> {
            await(inner);
        });
        outer.send(null);
        assertSame(inner, outer.awaiting());
        assertEquals("pause", inner.awaiting());
        assertThrows(StopIteration.class, () -> outer.send(null));
        assertNull(outer.awaiting());
    }
}

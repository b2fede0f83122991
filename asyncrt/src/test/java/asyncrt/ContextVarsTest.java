package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.contextvars.Context;
import asyncrt.contextvars.ContextVar;
import asyncrt.contextvars.Token;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** contextvars, and how tasks and callbacks carry contexts. After CPython's test_context. */
class ContextVarsTest {

    @Test
    void getSetAndResetInOneContext() {
        ContextVar<String> var = new ContextVar<>("var");
        Context ctx = new Context();
        ctx.run(() -> {
            NoSuchElementException e = assertThrows(NoSuchElementException.class, var::get);
            assertTrue(e.getMessage().contains("var") && e.getMessage().contains("set() it first"), e.getMessage());
            assertEquals("fallback", var.get("fallback"));
            Token<String> t1 = var.set("one");
            assertSame(Token.MISSING, t1.oldValue());
            Token<String> t2 = var.set("two");
            assertEquals("one", t2.oldValue());
            assertEquals("two", var.get());
            var.reset(t2);
            assertEquals("one", var.get());
            var.reset(t1);
            assertFalse(ctx.containsKey(var));
        });
    }

    @Test
    void aDefaultIsUsedUntilSet() {
        ContextVar<String> var = new ContextVar<>("request_id", "unknown");
        new Context().run(() -> {
            assertEquals("unknown", var.get());
            var.set("r-1");
            assertEquals("r-1", var.get());
        });
    }

    @Test
    void tokensWorkOnceInTheirOwnContextForTheirOwnVariable() {
        ContextVar<String> a = new ContextVar<>("a");
        ContextVar<String> b = new ContextVar<>("b");
        new Context().run(() -> {
            Token<String> t = a.set("x");
            a.reset(t);
            assertTrue(assertThrows(IllegalStateException.class, () -> a.reset(t)).getMessage().endsWith("has already been used once"));
            Token<String> ta = a.set("y");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> b.reset(ta)).getMessage().endsWith("was created by a different ContextVar"));
            new Context().run(() -> assertTrue(assertThrows(IllegalArgumentException.class, () -> a.reset(ta))
                    .getMessage().endsWith("was created in a different Context")));
        });
    }

    @Test
    void runMakesAContextCurrentAndCopiesAreIndependent() {
        ContextVar<Integer> var = new ContextVar<>("n", 0);
        Context outer = new Context();
        outer.run(() -> {
            var.set(1);
            Context copy = Context.copyContext();
            copy.run(() -> {
                assertEquals(1, var.get());
                var.set(2);
                assertEquals(2, var.get());
            });
            assertEquals(1, var.get());
            assertEquals(2, copy.get(var));
        });
        assertEquals(1, outer.get(var));
    }

    @Test
    void aContextCannotBeEnteredTwice() {
        Context ctx = new Context();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> ctx.run(() -> { })));
        assertTrue(e.getMessage().startsWith("cannot enter context:"), e.getMessage());
    }

    @Test
    void aContextCannotBeEnteredAgainFromInsideAnotherOne() {
        Context ctx = new Context();
        Context other = new Context();
        assertThrows(IllegalStateException.class, () -> ctx.run(() -> other.run(() -> ctx.run(() -> { }))));
        ctx.run(() -> other.run(() -> { }));  // left cleanly, both can be entered again
        assertNotSame(ctx, Context.current());
    }

    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "unknown");

    static Coroutine<String> handle(String id, double delay) {
        return async(() -> {
            REQUEST_ID.set(id);
            await(sleep(delay));
            return REQUEST_ID.get();
        });
    }

    @Test
    void concurrentTasksDoNotSeeEachOthersValues() {
        List<String> seen = VirtualTime.run(async(() -> await(gather(handle("r-1", 0.03), handle("r-2", 0.01), handle("r-3", 0.02)))));
        assertEquals(List.of("r-1", "r-2", "r-3"), seen);
    }

    @Test
    void aTaskStartsWithACopyOfItsCreatorsContext() {
        VirtualTime.run(async(() -> {
            REQUEST_ID.set("parent");
            String inChild = await(createTask(async(() -> {
                String inherited = REQUEST_ID.get();
                REQUEST_ID.set("child");
                return inherited;
            })));
            assertEquals("parent", inChild);
            assertEquals("parent", REQUEST_ID.get(), "the child's set stays in the child's copy");
        }));
    }

    @Test
    void aCallbackRunsInTheContextItWasScheduledWith() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        VirtualTime.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            REQUEST_ID.set("when scheduled");
            loop.callSoon(() -> seen.add(REQUEST_ID.get()));
            Context other = new Context();
            other.run(() -> REQUEST_ID.set("other"));
            loop.callSoon(() -> seen.add(REQUEST_ID.get()), other);
            REQUEST_ID.set("changed later");
            await(sleep(0.01));
        }));
        assertEquals(List.of("when scheduled", "other"), seen);
    }

    @Test
    void toThreadCarriesTheContextToTheWorkerThread() {
        String seen = VirtualTime.run(async(() -> {
            REQUEST_ID.set("from the loop");
            return await(Asyncio.toThread(() -> REQUEST_ID.get() + " on " + Thread.currentThread().getName()));
        }));
        assertTrue(seen.startsWith("from the loop on asyncio_"), seen);
    }
}

package asyncrt.introspect;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.locks.Event;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Snapshots of a loop running known programs: who waits on what, where each task stands. */
class IntrospectTest {

    static Coroutine<String> child(double delay) {
        return async(() -> {
            await(sleep(delay));
            return "child";
        });
    }

    static Coroutine<String> middle(Future<String> gate) {
        return async(() -> await(gate));
    }

    @Test
    void tasksAreShownWithStateStackAndWhatTheyAwait() {
        LoopSnapshot[] seen = new LoopSnapshot[1];
        Asyncio.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<String> gate = loop.createFuture();
            Task<String> sleeper = createTask(child(10), "sleeper");
            Task<String> gated = createTask(middle(gate), "gated");
            Task<List<String>> gatherer = createTask(async(() -> await(gather(sleeper, gated))), "gatherer");
            await(sleep(0.01));
            seen[0] = Introspect.snapshot(loop);
            gate.setResult("go");
            sleeper.cancel();
            await(gather(Asyncio.RETURN_EXCEPTIONS, gatherer));
        }));
        LoopSnapshot s = seen[0];
        assertTrue(s.running() && s.consistent());
        TaskInfo sleeper = byName(s, "sleeper");
        assertEquals("waiting", sleeper.state());
        assertEquals(List.of("sleep", "child"), sleeper.stack().stream().map(FrameInfo::coroutine).toList());
        assertEquals("IntrospectTest.java", sleeper.stack().get(1).file());
        assertEquals(29, sleeper.stack().get(1).line(), "the line of await(sleep(delay)) in child()");
        TaskInfo gatherer = byName(s, "gatherer");
        assertEquals("gather of sleeper, gated", gatherer.awaiting());
        assertEquals(List.of(gatherer.id()), sleeper.awaitedBy());
        assertEquals(List.of(gatherer.id()), byName(s, "gated").awaitedBy());
        assertEquals("<Future pending cb=[Task.task_wakeup()]>", byName(s, "gated").awaiting());
        TaskInfo main = s.tasks().get(0);
        assertEquals("running", main.state(), "the snapshot was taken from the main task's step");
        String graph = Introspect.formatCallGraph(s, sleeper.id());
        assertTrue(graph.startsWith("* Task(name='sleeper', id=" + sleeper.id() + ")\n  + Call stack:\n"), graph);
        assertTrue(graph.contains("File 'IntrospectTest.java', line 29, in child()"), graph);
        assertTrue(graph.contains("+ Awaited by:\n     * Task(name='gatherer'"), graph);
    }

    @Test
    void theTextReportsShowTheLoopTheTableAndTheTree() {
        String[] reports = new String[3];
        Asyncio.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Task<String> a = createTask(child(5), "worker-a");
            Task<List<String>> parent = createTask(async(() -> await(gather(a))), "parent");
            loop.callLater(30, () -> { });
            await(sleep(0.01));
            LoopSnapshot s = Introspect.snapshot(loop);
            reports[0] = TextReports.loop(s);
            reports[1] = TextReports.tasks(s);
            reports[2] = TextReports.tree(s);
            parent.cancel();
            await(gather(Asyncio.RETURN_EXCEPTIONS, parent));
        }));
        assertTrue(reports[0].contains("running=true"), reports[0]);
        assertTrue(reports[0].matches("(?s).*timers: [23] scheduled, next in .*"), reports[0]);
        assertTrue(reports[0].contains("tasks: 3 (1 running, 2 waiting)"), reports[0]);
        assertTrue(reports[1].lines().findFirst().orElseThrow().startsWith("id"), reports[1]);
        assertTrue(reports[1].matches("(?s).*worker-a +waiting +sleep\\(\\) Sleep.java:\\d+ <- child\\(\\) IntrospectTest.java:29 .*"), reports[1]);
        assertTrue(reports[2].contains("(T) parent [waiting]"), reports[2]);
        assertTrue(reports[2].contains("    └── (T) worker-a [waiting]"), reports[2]);
    }

    @Test
    void aSnapshotFromAnotherThreadIsTakenByTheLoopBetweenCallbacks() throws Exception {
        EventLoop loop = EventLoop.newEventLoop();
        CompletableFuture<LoopSnapshot> fromOutside = new CompletableFuture<>();
        CountDownLatch bothWaiting = new CountDownLatch(1);
        Event snapshotTaken = new Event();
        Thread runner = new Thread(() -> {
            loop.runUntilComplete(async(() -> {
                createTask(sleep(10), "background");
                await(sleep(0));  // the background task's first step: its timer
                bothWaiting.countDown();
                await(snapshotTaken.wait_());
            }));
        });
        runner.start();
        bothWaiting.await();
        fromOutside.complete(Introspect.snapshot(loop));
        loop.callSoonThreadsafe(snapshotTaken::set);
        runner.join(TimeUnit.SECONDS.toMillis(30));
        loop.close();
        LoopSnapshot s = fromOutside.get();
        assertTrue(s.consistent());
        assertEquals(2, s.tasks().size(), s.tasks().toString());
        assertTrue(s.tasks().stream().noneMatch(t -> t.state().equals("running")), "taken between steps");
        assertFalse(s.timers().isEmpty());
    }

    @Test
    void aClosedLoopCanStillBeDescribed() {
        EventLoop loop = EventLoop.newEventLoop();
        loop.close();
        LoopSnapshot s = Introspect.snapshot(loop);
        assertTrue(s.closed() && !s.running());
        assertTrue(s.io().isEmpty() && s.tasks().isEmpty() && s.ready().isEmpty());
    }

    private static TaskInfo byName(LoopSnapshot s, String name) {
        return s.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " in " + s.tasks()));
    }
}

package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Stop button ({@code interrupt_request} on control) against each kind of running cell, and the execution
 * timeout. Each case checks that the kernel then answers and that what was defined before is still there.
 * Margins are generous (the machine may be slow and shared); the measured stop times are printed.
 */
class InterruptIT {

    private static final Duration LONG = Duration.ofSeconds(90);
    /** The promise is "within a second"; a loaded 2-core machine gets five. */
    private static final long STOP_MARGIN_MILLIS = 5000;

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder());

    @BeforeAll
    static void define() throws Exception {
        assertEquals("ok", KERNEL.client().execute("int keep = 42;").status());
    }


    @Test
    void busyLoopStops() throws Exception {
        Execution run = interruptAfterStart("long spins = 0; while (true) { spins++; }", 1);
        assertEquals("KeyboardInterrupt", run.ename(), run.toString());
        assertSurvived();
    }

    @Test
    void busyLoopWithoutBackBranchCheckStops() throws Exception {
        KERNEL.client().execute("int spin(int n) { return n + 1; }");
        Execution run = interruptAfterStart("for (int i = 0; ; i = spin(i)) { }", 1);
        assertEquals("KeyboardInterrupt", run.ename(), run.toString());
        assertSurvived();
    }

    @Test
    void sleepStops() throws Exception {
        Execution run = interruptAfterStart("Thread.sleep(600_000);", 1);
        assertEquals("error", run.status());
        assertSurvived();
    }

    @Test
    void blockingQueueTakeStops() throws Exception {
        Execution run = interruptAfterStart("new java.util.concurrent.LinkedBlockingQueue<String>().take()", 1);
        assertEquals("error", run.status());
        assertSurvived();
    }

    @Test
    void blockedChannelReadStops() throws Exception {
        String code = """
                var server = java.nio.channels.ServerSocketChannel.open().bind(new java.net.InetSocketAddress("127.0.0.1", 0));
                var channel = java.nio.channels.SocketChannel.open(server.getLocalAddress());
                channel.read(java.nio.ByteBuffer.allocate(16));
                """;
        Execution run = interruptAfterStart(code, 1);
        assertEquals("error", run.status());
        assertSurvived();
    }

    @Test
    void blockedSocketReadStops() throws Exception {
        assertStopClosesSocket("client", """
                var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                var client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
                client.getInputStream().read()
                """);
    }

    @Test
    void blockedSocketAcceptStops() throws Exception {
        assertStopClosesSocket("listener", """
                var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                listener.accept()
                """);
    }

    /** Runs {@code code}, which blocks on the classic socket {@code socket} it makes; Stop ends it and closes the socket. */
    private static void assertStopClosesSocket(String socket, String code) throws Exception {
        Execution run = interruptAfterStart(code, 3);
        assertEquals("KeyboardInterrupt", run.ename(), run.toString());
        assertEquals("true", KERNEL.client().execute(socket + ".isClosed()").result(), "the stop closed " + socket);
        assertSurvived();
    }

    @Test
    void aThreadTheSnippetStartedIsInterruptedToo() throws Exception {
        assertEquals("ok", KERNEL.client().execute("var sleeperInterrupted = new CountDownLatch(1);").status());
        String code = """
                {
                    var sleeper = new Thread(() -> {
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            sleeperInterrupted.countDown();
                        }
                    });
                    sleeper.start();
                    sleeper.join();
                }
                """;
        Execution run = interruptAfterStart(code, 2);
        assertEquals("KeyboardInterrupt", run.ename(), run.toString());
        assertEquals("true", KERNEL.client().execute("sleeperInterrupted.await(10, TimeUnit.SECONDS)").result());
        assertSurvived();
    }

    @Test
    void waitingForInputStops() throws Exception {
        Message request = KERNEL.client().send(Channel.SHELL, "execute_request",
                KernelClient.executeContent("new java.util.Scanner(System.in).nextLine()", true));
        assertEquals("input_request", KERNEL.client().receive(Channel.STDIN, LONG).type());
        KERNEL.client().send(Channel.CONTROL, "interrupt_request", new JsonObject());
        Message reply = KERNEL.client().reply(Channel.SHELL, request, LONG);
        assertEquals("error", reply.contentString("status", ""));
        KERNEL.client().iopubUntilIdle(request, LONG);
        assertSurvived();
    }

    @Test
    void asyncioRunIsCancelled() throws Exception {
        Execution run = interruptAfterStart("Asyncio.run(async(() -> { await(sleep(600)); return 1; }))", 2);
        assertEquals("error", run.status(), run.toString());
        assertTrue(run.traceback().contains("KeyboardInterrupt"), run.traceback());
        assertSurvived();
    }

    @Test
    void asyncioSigintHandlerRuns() throws Exception {
        String code = """
                Asyncio.run(async(() -> {
                    var loop = getRunningLoop();
                    var stopping = loop.createFuture();
                    loop.addSignalHandler(asyncrt.events.Signal.SIGINT, () -> {
                        System.out.println("SIGINT: shutting down gracefully");
                        stopping.setResult("stopped");
                    });
                    return await(stopping);
                }))
                """;
        Execution run = interruptAfterStart(code, 2);
        assertEquals("ok", run.status(), run.toString());
        assertTrue(run.stream("stdout").contains("shutting down gracefully"), run.toString());
        assertEquals("\"stopped\"", run.result());
        assertSurvived();
    }

    @Test
    void secondInterruptStopsAStuckCoroutine() throws Exception {
        interruptTwice("Asyncio.run(async(() -> { while (true) { } }))", "second interrupt of a stuck coroutine");
    }

    /** Runs {@code code}, which ignores a first Stop, and stops it with a second; the cell ends in an error. */
    private static void interruptTwice(String code, String what) throws Exception {
        Message request = KERNEL.client().send(Channel.SHELL, "execute_request", KernelClient.executeContent(code, false));
        Thread.sleep(2000);
        KERNEL.client().send(Channel.CONTROL, "interrupt_request", new JsonObject());
        Thread.sleep(1000);
        long stoppedAt = System.nanoTime();
        KERNEL.client().send(Channel.CONTROL, "interrupt_request", new JsonObject());
        Message reply = KERNEL.client().reply(Channel.SHELL, request, LONG);
        report(what, stoppedAt);
        assertEquals("error", reply.contentString("status", ""));
        KERNEL.client().iopubUntilIdle(request, LONG);
        assertSurvived();
    }

    @Test
    void topLevelAwaitIsCancelledAndTheKernelsLoopKeepsItsTasks() throws Exception {
        assertEquals("ok", KERNEL.client().execute("Task<Void> keeper = createTask(sleep(600), \"keeper\");\nawait(sleep(0));").status());
        Execution run = interruptAfterStart("System.out.println(\"awaiting\");\nawait(sleep(600));", 2);
        assertTrue(run.traceback().contains("KeyboardInterrupt: the cell was stopped while it awaited"), run.traceback());
        assertSurvived();
        String tasks = String.join("\n", KERNEL.client().execute("%tasks").displays("text/plain"));
        assertTrue(tasks.matches("(?s).*\\d+ +keeper +waiting .*"), "the other task stays on the loop: " + tasks);
        assertEquals("false", KERNEL.client().execute("await(sleep(0.01));\nkeeper.done()").result(), "the loop runs again");
        KERNEL.client().execute("keeper.cancel();");
    }

    @Test
    void secondInterruptStopsAStuckTopLevelAwaitAndTheLoopStillWorks() throws Exception {
        interruptTwice("await(async(() -> { while (true) { } }))", "second interrupt of a stuck top-level await");
        Execution next = KERNEL.client().execute("await(sleep(0.05));\n1 + 1");
        assertEquals("2", next.result(), "nothing left over from the stopped run interrupts the next: " + next);
    }

    @Test
    void aDeadlockedCellIsGivenUpAndTheKernelGoesOnWithEveryDefinition() throws Exception {
        try (KernelProcess kernel = KernelProcess.start()) {
            KernelClient client = kernel.client();
            assertEquals("ok", client.execute("int kept = 7;").status());
            // Each cell says when both threads hold their first lock, so Stop lands in the deadlock however slow
            // the machine is.
            String monitors = """
                    Object A = new Object(), B = new Object(); var both = new java.util.concurrent.CountDownLatch(2);
                    Thread t = new Thread(() -> { synchronized (B) { both.countDown(); try { both.await(); } catch (Exception e) {} synchronized (A) {} } });
                    synchronized (A) { t.start(); both.countDown(); both.await(); System.out.println("taking B");
                        synchronized (B) {} }
                    """;
            String locks = """
                    var L1 = new java.util.concurrent.locks.ReentrantLock(); var L2 = new java.util.concurrent.locks.ReentrantLock();
                    var held = new java.util.concurrent.CountDownLatch(2);
                    Thread u = new Thread(() -> { L2.lock(); held.countDown(); try { held.await(); } catch (Exception e) {} L1.lock(); });
                    L1.lock(); u.start(); held.countDown(); held.await(); System.out.println("taking L2"); L2.lock();
                    """;
            // Where the error says the loop is blocked: the line of the statement that blocks.
            for (var cell : List.of(Map.entry(monitors, 3), Map.entry(locks, 4))) {
                Message request = client.send(Channel.SHELL, "execute_request",
                        KernelClient.executeContent(cell.getKey(), false));
                awaitStream(client, request, "taking ");
                Thread.sleep(300);
                long stoppedAt = System.nanoTime();
                client.send(Channel.CONTROL, "interrupt_request", new JsonObject());
                Thread.sleep(500);
                client.send(Channel.CONTROL, "interrupt_request", new JsonObject());
                Message reply = client.reply(Channel.SHELL, request, LONG);
                long millis = report("a deadlocked cell", stoppedAt);
                assertTrue(millis < 10_000, "the kernel gave the cell up within 10 s: " + millis + " ms");
                assertEquals("error", reply.contentString("status", ""));
                String error = new Execution(request, reply, client.iopubUntilIdle(request, LONG)).traceback();
                assertTrue(error.contains("did not end within 3 s of being stopped") && error.contains("a deadlock?")
                        && error.matches("(?s).*blocked in Task 'In \\[\\d+]' at In \\[\\d+], line " + cell.getValue() + " .*"),
                        error);
                Message info = client.send(Channel.SHELL, "kernel_info_request", new JsonObject());
                assertEquals("kernel_info_reply", client.reply(Channel.SHELL, info, Duration.ofSeconds(10)).type());
                assertEquals("2", client.execute("1 + 1").result());
                assertEquals("7", client.execute("kept").result(), "definitions survive");
                assertEquals("5", client.execute("await(createTask(async(() -> 5)))").result(), "a fresh loop runs tasks");
            }
        }
    }

    @Test
    void interruptWithNothingRunningIsHarmless() throws Exception {
        Message request = KERNEL.client().send(Channel.CONTROL, "interrupt_request", new JsonObject());
        assertEquals("ok", KERNEL.client().reply(Channel.CONTROL, request, LONG).contentString("status", ""));
        assertSurvived();
    }

    @Test
    void executionTimeoutStopsTheCell() throws Exception {
        try (KernelProcess timed = KernelProcess.builder().env("ASYNCRT_KERNEL_TIMEOUT", "2").start()) {
            long started = System.nanoTime();
            Execution run = timed.client().execute("while (true) { }");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            assertEquals("KeyboardInterrupt", run.ename());
            assertTrue(run.traceback().contains("execution timeout"), run.traceback());
            assertTrue(seconds < 30, "took " + seconds + " s");
            assertEquals("3", timed.client().execute("1 + 2").result());
            Execution sleeping = timed.client().execute("Asyncio.run(async(() -> { await(sleep(600)); return 1; }))");
            assertEquals("KeyboardInterrupt", sleeping.ename(), "a coroutine asleep in asyncrt's loop is stopped too");
            assertEquals("3", timed.client().execute("1 + 2").result());
        }
    }

    @Test
    void aBusyThreadTheSnippetStartedStopsQuietly() throws Exception {
        String code = """
                {
                    var spinner = new Thread(() -> {
                        while (true) { }
                    });
                    spinner.start();
                    spinner.join();
                }
                """;
        Execution run = interruptAfterStart(code, 2);
        assertEquals("KeyboardInterrupt", run.ename(), run.toString());
        assertFalse(run.stream("stderr").contains("ThreadDeath"), run.stream("stderr"));
        assertSurvived();
    }

    @Test
    void onOneCpuACellWaitingForItsVirtualThreadIsNotStarved() throws Exception {
        // Cells run on a virtual thread: with a single carrier thread, this cell's spinning would keep the
        // virtual thread it starts from ever running.
        try (KernelProcess oneCpu = KernelProcess.builder().jvm("-XX:ActiveProcessorCount=1").start()) {
            Execution run = oneCpu.client().execute("""
                    String spinUntilItRan() {
                        var done = new java.util.concurrent.atomic.AtomicBoolean();
                        Thread.ofVirtual().start(() -> done.set(true));
                        while (!done.get()) { }
                        return "the virtual thread ran";
                    }
                    spinUntilItRan()
                    """, LONG, false);
            assertEquals("\"the virtual thread ran\"", run.result(), run.toString());
        }
    }

    /** Starts a cell, interrupts it after some seconds, and returns what it did; checks it stopped in time. */
    private static Execution interruptAfterStart(String code, int seconds) throws Exception {
        Message request = KERNEL.client().send(Channel.SHELL, "execute_request", KernelClient.executeContent(code, false));
        Thread.sleep(seconds * 1000L);
        long interruptedAt = System.nanoTime();
        Message interrupt = KERNEL.client().send(Channel.CONTROL, "interrupt_request", new JsonObject());
        assertEquals("ok", KERNEL.client().reply(Channel.CONTROL, interrupt, LONG).contentString("status", ""));
        Message reply = KERNEL.client().reply(Channel.SHELL, request, LONG);
        long millis = report(code.lines().findFirst().orElse(code), interruptedAt);
        assertTrue(millis < STOP_MARGIN_MILLIS, "stopping took " + millis + " ms");
        return new Execution(request, reply, KERNEL.client().iopubUntilIdle(request, LONG));
    }

    /** Waits until the request's cell writes {@code text} to its standard output. */
    private static void awaitStream(KernelClient client, Message request, String text) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = client.receiveIopub(LONG);
            if (message != null && message.type().equals("stream") && KernelClient.parentId(message).equals(request.id())
                    && message.contentString("text", "").contains(text)) {
                return;
            }
        }
        throw new AssertionError("the cell never wrote '" + text + "'");
    }

    private static long report(String what, long since) {
        long millis = (System.nanoTime() - since) / 1_000_000;
        System.out.println("interrupt: '" + what + "' stopped " + millis + " ms after the interrupt_request");
        return millis;
    }

    private static void assertSurvived() throws Exception {
        Execution check = KERNEL.client().execute("keep");
        assertEquals("42", check.result(), check.toString());
    }
}

package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelClient.Channel;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kernel under faults, bad input and load, each check cheap enough for CI, each printing one line of figures
 * ("reliability: ..."). What KernelProtocolIT, FaultIT and InterruptIT already check one case at a time is done
 * here in bulk and counted: malformed messages of every kind and a seeded fuzz run execute nothing; loops of
 * faults, interrupts and restarts; descriptors and threads over many cells; the message and code size limits;
 * and the asyncrt server on the kernel's loop under concurrent, idle, garbage, resetting and slow clients.
 */
class ReliabilityIT {

    private static final Duration REPLY = Duration.ofSeconds(60);
    private static final Duration SILENCE = Duration.ofMillis(1500);
    private static final Random RANDOM = new Random(20);

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder());

    @BeforeAll
    static void define() throws Exception {
        assertEquals("ok", KERNEL.client().execute("int executed = 0;\nString kept = \"still here\";").status());
    }

    @Test
    void malformedMessagesOfEveryKindExecuteNothing() throws Exception {
        KernelClient client = KERNEL.client();
        List<List<byte[]>> bad = new ArrayList<>();
        List<byte[]> forged = executeFrames("executed += 1;");
        forged.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        bad.add(forged);                                                  // wrong HMAC
        List<byte[]> unsigned = executeFrames("executed += 1;");
        unsigned.set(1, new byte[0]);
        bad.add(unsigned);                                                // no signature
        List<byte[]> tampered = executeFrames("executed += 1;");
        tampered.set(5, utf8("{\"code\": \"executed += 2;\", \"silent\": false}"));
        bad.add(tampered);                                                // content changed after signing
        bad.add(executeFrames("executed += 1;").subList(0, 4));           // missing frames
        bad.add(List.of(utf8("executed += 1;")));                         // no delimiter
        byte[] header = utf8("{\"msg_id\": \"m1\", \"msg_type\": \"execute_request\", \"session\": \"s\"}");
        byte[] code = utf8("{\"code\": \"executed += 1;\"}");
        bad.add(client.signedFrames(utf8("{not json"), utf8("{}"), utf8("{}"), code));          // signed, invalid JSON
        bad.add(client.signedFrames(header, utf8("{}"), utf8("{}"), utf8("[\"executed += 1;\"]"))); // content not an object
        bad.add(client.signedFrames(utf8("{\"msg_id\": \"m2\"}"), utf8("{}"), utf8("{}"), code)); // no msg_type
        bad.add(client.signedFrames(utf8("{\"msg_id\": \"m3\", \"msg_type\": \"execute_it_now\"}"), utf8("{}"),
                utf8("{}"), code));                                                               // unknown type
        for (List<byte[]> frames : bad) {
            client.sendFrames(Channel.SHELL, frames);
            client.sendFrames(Channel.CONTROL, frames);
        }
        List<byte[]> once = executeFrames("executed += 1000;");
        client.sendFrames(Channel.SHELL, once);
        Message first = client.receive(Channel.SHELL, REPLY);
        client.sendFrames(Channel.SHELL, once);                           // the same signed message again: a replay
        assertNull(client.receive(Channel.SHELL, SILENCE), "nothing but the one valid request is answered");
        assertEquals("ok", first.contentString("status", ""), first.content().toString());
        String executed = client.execute("executed").result();
        System.out.println("reliability: " + (2 * bad.size() + 1) + " malformed, forged, replayed or unknown messages"
                + " dropped; executed counter " + executed + " (1000 = only the valid request ran)");
        assertEquals("1000", executed);
        assertAnswers();
    }

    @Test
    void aFuzzRunOfThousandsOfMultipartMessagesLeavesTheKernelAnswering() throws Exception {
        KernelClient client = KERNEL.client();
        int messages = 3000;
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            client.sendFrames(i % 5 == 0 ? Channel.CONTROL : Channel.SHELL, fuzzed(client, i));
        }
        Message info = client.send(Channel.SHELL, "kernel_info_request", new JsonObject());
        Message reply = client.reply(Channel.SHELL, info, REPLY);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("reliability: " + messages + " fuzzed multipart messages (seeded), then kernel_info answered"
                + " after " + millis + " ms; kernel alive: " + KERNEL.process().isAlive());
        assertEquals("kernel_info_reply", reply.type());
        assertTrue(client.heartbeat(REPLY));
        assertEquals("0", client.execute("executed % 1000").result(), "no fuzzed message ran code");
        assertAnswers();
    }

    @Test
    void cellsThatFailInEveryWayLeaveTheKernelAndItsDefinitions() throws Exception {
        List<String> faults = List.of(
                "throw new IllegalStateException(\"thrown\");",
                "int broken = undefinedName;",
                "int down(int n) { return down(n + 1) + 1; }\ndown(0)",
                "long[] huge = new long[Integer.MAX_VALUE - 16];",
                "System.exit(1);",
                "Object nothing = null; nothing.toString()",
                "await(async(() -> { throw new java.io.IOException(\"in a coroutine\"); }))",
                "var t = new Thread(() -> { throw new RuntimeException(\"in a thread\"); }); t.start(); t.join();");
        int errors = 0;
        long started = System.nanoTime();
        for (String cell : faults) {
            Execution run = KERNEL.client().execute(cell);
            errors += run.status().equals("error") ? 1 : 0;
            assertEquals("\"still here\"", KERNEL.client().execute("kept").result(), "after " + cell);
        }
        System.out.println("reliability: " + faults.size() + " failing cells, " + errors + " error replies (the thread's"
                + " exception is its stderr), definitions kept, in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertEquals(faults.size() - 1, errors);
        assertAnswers();
    }

    @Test
    void descriptorsAndThreadsStayFlatOverManyCellsThatEachRunAServer() throws Exception {
        Path proc = Path.of("/proc", Long.toString(KERNEL.process().pid()));
        assumeTrue(Files.isDirectory(proc.resolve("fd")), "needs /proc");
        String cell = """
                {
                    Server s = await(startServer((r, w) -> async(() -> { w.write(await(r.readline())); await(w.drain()); w.close(); return null; }), "127.0.0.1", 0));
                    StreamPair c = await(openConnection("127.0.0.1", s.sockets().get(0).socket().getLocalPort()));
                    c.writer().write("ping\\n".getBytes());
                    String answer = new String(await(c.reader().readline())).strip();
                    c.writer().close();
                    await(c.writer().waitClosed());
                    s.close();
                    await(s.waitClosed());
                    if (!answer.equals("ping")) throw new IllegalStateException(answer);
                }
                """;
        int cells = 200;
        for (int i = 0; i < 10; i++) {
            assertEquals("ok", KERNEL.client().execute(cell).status());  // warm up: the loop's own descriptors
        }
        long fdsBefore = count(proc.resolve("fd"));
        long threadsBefore = count(proc.resolve("task"));
        long started = System.nanoTime();
        for (int i = 0; i < cells; i++) {
            Execution run = KERNEL.client().execute(cell);
            assertEquals("ok", run.status(), run.toString());
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        Thread.sleep(500);
        long fdsAfter = count(proc.resolve("fd"));
        long threadsAfter = count(proc.resolve("task"));
        System.out.println("reliability: " + cells + " cells each serving one connection in " + seconds + " s:"
                + " descriptors " + fdsBefore + " -> " + fdsAfter + ", threads " + threadsBefore + " -> " + threadsAfter);
        assertTrue(fdsAfter <= fdsBefore + 5, "descriptors flat: " + fdsBefore + " -> " + fdsAfter);
        assertTrue(threadsAfter <= threadsBefore + 5, "threads flat: " + threadsBefore + " -> " + threadsAfter);
    }

    @Test
    void simpleCellsKeepLittleMemoryEach() throws Exception {
        KernelClient client = KERNEL.client();
        String heap = "((java.util.function.LongSupplier) () -> { System.gc(); System.gc(); return java.lang.management"
                + ".ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }).getAsLong()";
        List<String> cells = List.of("int x%d = %d;", "Math.max(%d, 2)", "System.out.println(\"line %d\");");
        int warmUp = 100;
        int measured = 300;
        for (int i = 0; i < warmUp; i++) {
            client.execute(cells.get(i % 3).formatted(i, i));
        }
        long before = Long.parseLong(client.execute(heap).result().replace("L", ""));
        for (int i = warmUp; i < warmUp + measured; i++) {
            assertEquals("ok", client.execute(cells.get(i % 3).formatted(i, i)).status());
        }
        long after = Long.parseLong(client.execute(heap).result().replace("L", ""));
        double perCell = (after - before) / (double) measured / 1024;
        System.out.printf("reliability: heap kept per simple cell over %d cells: %.1f KB%n", measured, perCell);
        assertTrue(perCell <= 20, perCell + " KB per cell");
    }

    @Test
    void anOversizedMessageIsRefusedUnreadAndOverlongCodeGetsAnError() throws Exception {
        KernelClient client = KERNEL.client();
        JsonObject huge = new JsonObject();
        huge.addProperty("code", "x".repeat(100 << 20));
        long started = System.nanoTime();
        client.send(Channel.SHELL, "is_complete_request", huge);
        huge = null;
        Message info = client.send(Channel.CONTROL, "kernel_info_request", new JsonObject());
        client.reply(Channel.CONTROL, info, REPLY);
        Execution next = client.execute("1 + 1");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("2", next.result());
        assertTrue(logged("closed alone: its client sent a message with a frame over 32 MB, which the kernel refuses unread"),
                KERNEL.process().log());

        String longCode = "int a = 1;\n".repeat(200_000);  // 2.1 MB of characters, over the 1 MB limit
        Execution refused = client.execute(longCode);
        System.out.println("reliability: a 100 MB is_complete_request refused unread; kernel_info and 1 + 1 answered"
                + " " + millis + " ms after it was sent; " + longCode.length() / 1024 + " KB of code answered "
                + refused.ename() + ": " + refused.reply().contentString("evalue", ""));
        assertTrue(millis < 30_000, millis + " ms");
        assertEquals("CodeTooLong", refused.ename(), refused.toString());
        assertTrue(refused.traceback().contains("ASYNCRT_KERNEL_MAX_CODE_MB"), refused.traceback());
        assertAnswers();
    }

    @Test
    void interruptsInALoopEachStopTheCell() throws Exception {
        KernelClient client = KERNEL.client();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String code = i % 2 == 0 ? "Thread.sleep(600_000);" : "await(sleep(600));";
            Message request = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(code, false));
            waitForInput(client, request);
            Thread.sleep(300);
            long interruptedAt = System.nanoTime();
            client.send(Channel.CONTROL, "interrupt_request", new JsonObject());
            Message reply = client.reply(Channel.SHELL, request, REPLY);
            times.add((System.nanoTime() - interruptedAt) / 1_000_000);
            client.iopubUntilIdle(request, REPLY);
            assertEquals("error", reply.contentString("status", ""), reply.content().toString());
            assertEquals("2", client.execute("1 + 1").result());
        }
        System.out.println("reliability: 5 interrupts, each cell stopped in " + times + " ms");
        assertTrue(times.stream().allMatch(ms -> ms < 10_000), times.toString());
        assertAnswers();
    }

    @Test
    void restartsInALoopEachEndTheProcessAndTheNextStartAnswers() throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            try (KernelProcess kernel = KernelProcess.start()) {
                assertEquals("3", kernel.client().execute("1 + 2").result());
                JsonObject restart = new JsonObject();
                restart.addProperty("restart", true);
                Message request = kernel.client().send(Channel.CONTROL, "shutdown_request", restart);
                Message reply = kernel.client().reply(Channel.CONTROL, request, REPLY);
                assertTrue(reply.contentFlag("restart", false));
                assertTrue(kernel.waitForExit(Duration.ofSeconds(20)), "the process ended");
            }
            times.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.println("reliability: 5 restarts (start, a cell, shutdown_request, exit) took " + times + " ms");
    }

    @Test
    void theServerOnTheKernelsLoopOutlastsConcurrentIdleGarbageResettingAndSlowClients() throws Exception {
        KernelClient client = KERNEL.client();
        assertEquals("ok", client.execute("""
                Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
                    return async(() -> {
                        try {
                            while (true) {
                                byte[] line = await(reader.readline());
                                if (line.length == 0) {
                                    return null;
                                }
                                writer.write(line);
                                await(writer.drain());
                            }
                        } finally {
                            writer.close();
                        }
                    });
                }
                Server echoServer = await(startServer((r, w) -> echo(r, w), "127.0.0.1", 0));
                int echoPort = echoServer.sockets().get(0).socket().getLocalPort();
                """).status());
        int port = Integer.parseInt(client.execute("echoPort").result());
        Path fds = Path.of("/proc", Long.toString(KERNEL.process().pid()), "fd");
        long fdsBefore = Files.isDirectory(fds) ? count(fds) : -1;
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(new Socket("127.0.0.1", port));
        }
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                answers.add(pool.submit(() -> echoes(port, "client " + n)));
            }
            List<Callable<Void>> rude = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                rude.add(() -> garbage(port));
                rude.add(() -> reset(port));
            }
            pool.invokeAll(rude);
            Socket slow = slowReader(port);
            assertTrue(echoes(port, "while one reads slowly"), "the server answers others meanwhile");
            slow.close();
            int echoed = 0;
            for (Future<Boolean> answer : answers) {
                echoed += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            for (Socket socket : idle) {
                socket.close();
            }
            assertTrue(echoes(port, "after them all"));
            Thread.sleep(500);
            long fdsAfter = fdsBefore < 0 ? -1 : count(fds);
            System.out.println("reliability: server on the kernel's loop: 300 concurrent clients, " + echoed
                    + " echoed, beside 50 idle, 20 sending 1 MB of garbage, 20 resetting and a slow reader, in "
                    + millis + " ms; kernel descriptors " + fdsBefore + " -> " + fdsAfter);
            assertEquals(300, echoed);
            assertTrue(fdsAfter <= fdsBefore + 5, "descriptors back: " + fdsBefore + " -> " + fdsAfter);
        }
        assertEquals("ok", client.execute("echoServer.close();").status());
        assertAnswers();
    }

    @Test
    void theServersErrorReportsAreAsShortAsAsynciosAndDebugModeKeepsEveryFrame() throws Exception {
        int handler = lines(report("handler", false));
        String resetReport = report("reset", false);
        int reset = lines(resetReport);
        int handlerInDebug = lines(report("handler", true));
        int pythonHandler = pythonReportLines("handler");
        int pythonReset = pythonReportLines("reset");
        System.out.println("reliability: error report lines of a server, asyncrt | CPython asyncio (same script):"
                + " handler exception " + handler + " | " + pythonHandler + ", connection reset " + reset + " | "
                + pythonReset + "; asyncrt in debug mode, handler exception " + handlerInDebug);
        assertTrue(handler <= 6 && reset <= 11, handler + " and " + reset + " lines");
        assertTrue(pythonHandler < 0 || handler <= pythonHandler && reset <= pythonReset, "no longer than asyncio's");
        assertTrue(handlerInDebug > handler + 10, "debug mode keeps the frames: " + handlerInDebug);
        assertTrue(resetReport.contains("\tat reliability.ServerErrorScript.lambda$main$"),
                "the reset names the handler's read, as asyncio's traceback does: " + resetReport);
    }

    private static int lines(String report) {
        return (int) report.lines().count();
    }

    /** What the default exception handler writes for a server's failing handler, or a client's reset. */
    private static String report(String kind, boolean debug) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-cp",
                String.join(java.io.File.pathSeparator, KernelProcess.testClasspath()),
                reliability.ServerErrorScript.class.getName(), kind));
        if (debug) {
            command.add("debug");
        }
        Process java = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        java.waitFor();
        int start = report.indexOf("Unhandled exception in client_connected_cb");
        assertTrue(start >= 0, report);
        if (!debug) {
            System.out.print(report.substring(start));
        }
        return report.substring(start);
    }

    /** The same with CPython's asyncio (python3 on the PATH), or -1 without it. */
    private static int pythonReportLines(String kind) throws Exception {
        String script = """
                import asyncio, socket, struct, sys
                async def handler(reader, writer):
                    if sys.argv[1] == "handler":
                        raise ValueError("boom")
                    await reader.readline()
                async def main():
                    server = await asyncio.start_server(handler, "127.0.0.1", 0)
                    client = socket.create_connection(("127.0.0.1", server.sockets[0].getsockname()[1]))
                    if sys.argv[1] == "reset":
                        client.send(b"half a li")
                        await asyncio.sleep(0.1)
                        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    client.close()
                    await asyncio.sleep(0.3)
                    server.close()
                asyncio.run(main())
                """;
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", script, kind).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        String report = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        python.waitFor();
        return (int) report.lines().count();
    }

    // ---- clients of the echo server -----------------------------------------------------------------------------

    private static boolean echoes(int port, String text) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] expected = (text + "\n").getBytes(StandardCharsets.UTF_8);
            return java.util.Arrays.equals(expected, socket.getInputStream().readNBytes(expected.length));
        }
    }

    private static Void garbage(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] junk = new byte[1 << 20];
            new Random(port).nextBytes(junk);
            java.util.Arrays.fill(junk, 0, 16, (byte) 0);
            try {
                socket.getOutputStream().write(junk);  // a line far over the reader's limit, or none at all
            } catch (IOException e) {
                // the server may close on the overlong line while this still writes
            }
        }
        return null;
    }

    private static Void reset(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write("half a li".getBytes(StandardCharsets.UTF_8));
        socket.setSoLinger(true, 0);  // close with a reset
        socket.close();
        return null;
    }

    /** A client that sends lines and reads the echoes a byte at a time, slowly, so the server's writes back up. */
    private static Socket slowReader(int port) throws IOException, InterruptedException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        String line = "y".repeat(60_000) + "\n";
        for (int i = 0; i < 5; i++) {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < 20; i++) {
            in.read();
            Thread.sleep(5);
        }
        return socket;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static List<byte[]> executeFrames(String code) {
        return KERNEL.client().frames("execute_request", KernelClient.executeContent(code, false));
    }

    /** A fuzzed message: random frames, a mutated valid one, or well-signed random JSON of an unknown type. */
    private static List<byte[]> fuzzed(KernelClient client, int i) {
        return switch (i % 4) {
            case 0 -> Stream.generate(() -> randomBytes(RANDOM.nextInt(64))).limit(1 + RANDOM.nextInt(8)).toList();
            case 1 -> {
                List<byte[]> frames = executeFrames("executed += 1;");
                int at = 1 + RANDOM.nextInt(frames.size() - 1);
                byte[] frame = frames.get(at).clone();
                if (frame.length > 0) {
                    frame[RANDOM.nextInt(frame.length)] ^= (byte) (1 + RANDOM.nextInt(255));
                }
                frames.set(at, frame);
                yield frames;
            }
            case 2 -> {
                List<byte[]> frames = new ArrayList<>(List.of(randomBytes(8), utf8("<IDS|MSG>")));
                for (int f = RANDOM.nextInt(8); f > 0; f--) {
                    frames.add(randomBytes(RANDOM.nextInt(200)));
                }
                yield frames;
            }
            default -> client.signedFrames(
                    utf8("{\"msg_id\": \"" + i + "\", \"msg_type\": \"fuzz_" + RANDOM.nextInt(1000) + "\"}"),
                    utf8(RANDOM.nextBoolean() ? "{}" : "[]"), randomBytes(RANDOM.nextInt(16)),
                    utf8("{\"code\": \"executed += 1;\", \"n\": " + RANDOM.nextDouble() + "}"));
        };
    }

    private static void waitForInput(KernelClient client, Message request) throws Exception {
        long deadline = System.nanoTime() + REPLY.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = client.receiveIopub(Duration.ofMillis(200));
            if (message != null && message.type().equals("execute_input")
                    && KernelClient.parentId(message).equals(request.id())) {
                return;
            }
        }
        throw new AssertionError("the cell did not start");
    }

    /** Whether the kernel's log says this within a few seconds (the connection watch reports a moment later). */
    private static boolean logged(String text) throws InterruptedException {
        for (int i = 0; i < 50 && !KERNEL.process().log().contains(text); i++) {
            Thread.sleep(100);
        }
        return KERNEL.process().log().contains(text);
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertAnswers() throws Exception {
        assertEquals("\"still here\"", KERNEL.client().execute("kept").result());
        assertTrue(KERNEL.process().isAlive());
    }
}

package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cells that fail in every way a learner's cell can: after each, the kernel answers the next request and what
 * was defined before is still there.
 */
class FaultIT {

    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        kernel = KernelProcess.builder().jvm("-Xmx256m").start();
        client = kernel.client();
        assertEquals("ok", client.execute("String kept = \"still here\";").status());
    }

    @AfterAll
    static void stop() throws Exception {
        kernel.close();
    }

    @Test
    void exceptionReportsCellLines() throws Exception {
        client.execute("""
                int half(int x) {
                    if (x == 0) {
                        throw new IllegalArgumentException("zero has no half here");
                    }
                    return x / 2;
                }
                """);
        Execution run = client.execute("int a = 1;\nhalf(0)");
        assertEquals("error", run.status());
        assertEquals("java.lang.IllegalArgumentException", run.ename());
        assertEquals("zero has no half here", run.reply().contentString("evalue", ""));
        String traceback = run.traceback();
        assertTrue(traceback.contains("half (In [2], line 3)"), traceback);
        assertTrue(traceback.contains("(In [3], line 2)"), traceback);
        assertSurvived();
    }

    @Test
    void causesAreShown() throws Exception {
        Execution run = client.execute("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));");
        assertTrue(run.traceback().contains("Caused by: java.io.IOException: inner"), run.traceback());
        assertSurvived();
    }

    @Test
    void compileErrorPointsAtTheCellLine() throws Exception {
        Execution run = client.execute("int ok = 1;\nint bad = undefinedName + 1;");
        assertEquals("CompilationError", run.ename());
        String traceback = run.traceback();
        assertTrue(traceback.contains("line 2"), traceback);
        assertTrue(traceback.contains("int bad = undefinedName + 1;"), traceback);
        assertTrue(traceback.contains("^^^^^^^^^^^^^"), traceback);
        assertTrue(traceback.contains("cannot find symbol"), traceback);
        assertEquals("1", client.execute("ok").result(), "snippets before the failing one stay defined");
        assertSurvived();
    }

    @Test
    void stackOverflow() throws Exception {
        client.execute("int down(int n) { return down(n + 1) + 1; }");
        Execution run = client.execute("down(0)");
        assertEquals("java.lang.StackOverflowError", run.ename());
        assertTrue(run.traceback().contains("more times"), "repeated frames are folded: " + run.traceback());
        assertTrue(run.traceback().lines().count() < 100, run.traceback());
        assertSurvived();
    }

    @Test
    void outOfMemoryFromAHugeArray() throws Exception {
        Execution run = client.execute("long[] huge = new long[Integer.MAX_VALUE - 16];");
        assertEquals("java.lang.OutOfMemoryError", run.ename());
        assertSurvived();
    }

    @Test
    void outOfMemoryFromFillingTheHeap() throws Exception {
        Execution run = client.execute("""
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
                """);
        assertEquals("java.lang.OutOfMemoryError", run.ename());
        assertSurvived();
        assertEquals("ok", client.execute("long[] again = new long[1 << 20]; again.length").status(),
                "the memory is free again");
    }

    @Test
    void systemExitIsRefused() throws Exception {
        for (String code : List.of("System.exit(0);", "Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(1);",
                "Runnable quit = () -> System.exit(0); quit.run();",
                "java.util.function.IntConsumer ender = System::exit; ender.accept(5);",
                "void leave() { if (kept != null) System.exit(0); }\nleave();")) {
            Execution run = client.execute(code);
            assertEquals("asyncrt.kernel.execution.ExitRefusedException", run.ename(), code + ": " + run);
            assertTrue(run.reply().contentString("evalue", "").contains("refused"), run.toString());
            assertTrue(kernel.isAlive());
            assertSurvived();
        }
    }

    @Test
    void aMillionLinesArriveBatchedAndComplete() throws Exception {
        Execution run = client.execute("for (int i = 0; i < 1_000_000; i++) { System.out.println(\"line \" + i); }");
        assertEquals("ok", run.status());
        String out = run.stream("stdout");
        List<String> lines = out.lines().toList();
        assertEquals(1_000_000, lines.size());
        assertEquals("line 0", lines.getFirst());
        assertEquals("line 999999", lines.getLast());
        assertEquals("line 500000", lines.get(500_000), "in order");
        System.out.println("a million lines came in " + run.streamMessages() + " stream messages");
        assertTrue(run.streamMessages() < 2000, run.streamMessages() + " stream messages");
        assertSurvived();
    }

    @Test
    void outputOfOtherThreadsIsCapturedInOrder() throws Exception {
        Execution run = client.execute("""
                System.out.println("first");
                Thread worker = new Thread(() -> { for (int i = 0; i < 200; i++) System.out.println("worker " + i); });
                worker.start();
                worker.join();
                System.err.println("to stderr");
                System.out.println("last");
                """);
        String out = run.stream("stdout");
        List<String> lines = out.lines().toList();
        assertEquals("first", lines.getFirst());
        assertEquals("worker 199", lines.get(200));
        assertEquals("last", lines.getLast());
        List<String> names = run.ofType("stream").stream().map(m -> m.contentString("name", "")).toList();
        int err = names.indexOf("stderr");
        assertTrue(err > 0 && names.lastIndexOf("stdout") > err, "stdout, then stderr, then stdout: " + names);
    }

    @Test
    void uncaughtExceptionInAnotherThreadDoesNotHurt() throws Exception {
        Execution run = client.execute("var t = new Thread(() -> { throw new IllegalStateException(\"background\"); }); t.start(); t.join();");
        assertEquals("ok", run.status());
        assertTrue(run.stream("stderr").contains("background"), run.toString());
        assertSurvived();
    }

    private static void assertSurvived() throws Exception {
        Execution check = client.execute("kept");
        assertEquals("\"still here\"", check.result(), check.toString());
        Message heartbeatCheck = null;
        assertTrue(client.heartbeat(java.time.Duration.ofSeconds(30)), String.valueOf(heartbeatCheck));
    }
}

package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cells that fail in every way a learner's cell can: after each, the kernel answers the next request and what
 * was defined before is still there.
 */
class FaultIT {

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder().jvm("-Xmx256m"));

    @BeforeAll
    static void define() throws Exception {
        assertEquals("ok", KERNEL.client().execute("String kept = \"still here\";").status());
    }


    @Test
    void exceptionReportsCellLines() throws Exception {
        Execution definition = KERNEL.client().execute("""
                int half(int x) {
                    if (x == 0) {
                        throw new IllegalArgumentException("zero has no half here");
                    }
                    return x / 2;
                }
                """);
        Execution run = KERNEL.client().execute("int a = 1;\nhalf(0)");
        assertEquals("error", run.status());
        assertEquals("java.lang.IllegalArgumentException", run.ename());
        assertEquals("zero has no half here", run.reply().contentString("evalue", ""));
        String traceback = run.traceback();
        int defined = definition.reply().contentInt("execution_count", -1);
        int called = run.reply().contentInt("execution_count", -1);
        assertTrue(traceback.contains("half (In [" + defined + "], line 3)"), traceback);
        assertTrue(traceback.contains("(In [" + called + "], line 2)"), traceback);
        assertSurvived();
    }

    @Test
    void runningOutOfMemoryNamesTheVariableThatHoldsItAndDelFreesIt() throws Exception {
        try (KernelProcess small = KernelProcess.builder().jvm("-Xmx256m").start()) {
            KernelClient client = small.client();
            assertEquals("ok", client.execute("int kept = 3;\nList<long[]> hog = new ArrayList<>();").status());
            long started = System.nanoTime();
            Execution full = client.execute("while (true) { hog.add(new long[1_000_000]); }");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            System.out.println("out of memory: the cell failed after " + seconds + " s");
            assertEquals("java.lang.OutOfMemoryError", full.ename(), full.toString());
            assertTrue(seconds < 30, "failed within 30 s: " + seconds);
            String advice = full.traceback();
            assertTrue(advice.matches("(?s).*The variables holding the most: hog \\(about \\d+ MB\\).*") && advice.contains("%del NAME"), advice);
            assertEquals("ok", client.execute("%del hog").status());
            long again = System.nanoTime();
            assertEquals("2", client.execute("1 + 1").result());
            assertEquals("\"fine\"", client.execute("String fine = \"fine\";\nlong[] room = new long[10_000_000];\nfine").result(),
                    "the memory hog held is free again");
            System.out.println("out of memory: the next cells took " + (System.nanoTime() - again) / 1_000_000 + " ms");
            assertEquals("3", client.execute("kept").result(), "definitions survive");
            assertTrue(client.execute("hog").traceback().contains("hog"), "hog is no longer defined");
            assertEquals("MagicError", client.execute("%del nosuch").ename());
        }
    }

    @Test
    void anExceptionInAnAwaitedCoroutineNamesItsMethodAndFoldsTheLoopsMachinery() throws Exception {
        Execution definition = KERNEL.client().execute("""
                Coroutine<Integer> third(int n) {
                    return async(() -> {
                        await(sleep(0.01));
                        return n / 0;
                    });
                }
                """);
        Execution run = KERNEL.client().execute("await(third(3))");
        String traceback = run.traceback();
        int defined = definition.reply().contentInt("execution_count", -1);
        assertTrue(traceback.contains("    at third (In [" + defined + "], line 4)"), traceback);
        assertTrue(traceback.matches("(?s).*    \\.\\.\\. \\d+ frames? of asyncrt and the JDK\n    at \\(In \\[\\d+], line 1\\).*"), traceback);
        assertFalse(traceback.contains("lambda$") || traceback.contains("asyncrt.coroutines"), traceback);
    }

    @Test
    void aThreadTheCellStartedReportsItsException() throws Exception {
        Execution run = KERNEL.client().execute("""
                var failing = new Thread(() -> {
                    throw new IllegalStateException("from a thread");
                }, "worker");
                failing.start();
                failing.join();
                """);
        assertEquals("ok", run.status(), run.toString());
        String stderr = run.stream("stderr");
        assertTrue(stderr.contains("Exception in thread \"worker\" java.lang.IllegalStateException: from a thread"), stderr);
        assertSurvived();
    }

    @Test
    void causesAreShown() throws Exception {
        Execution run = KERNEL.client().execute("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));");
        assertTrue(run.traceback().contains("Caused by: java.io.IOException: inner"), run.traceback());
        assertSurvived();
    }

    @Test
    void compileErrorPointsAtTheCellLine() throws Exception {
        Execution run = KERNEL.client().execute("int ok = 1;\nint bad = undefinedName + 1;");
        assertEquals("CompilationError", run.ename());
        String traceback = run.traceback();
        assertTrue(traceback.contains("line 2"), traceback);
        assertTrue(traceback.contains("int bad = undefinedName + 1;"), traceback);
        assertTrue(traceback.contains("^^^^^^^^^^^^^"), traceback);
        assertTrue(traceback.contains("cannot find symbol"), traceback);
        assertEquals("1", KERNEL.client().execute("ok").result(), "snippets before the failing one stay defined");
        assertSurvived();
    }

    @Test
    void stackOverflow() throws Exception {
        KERNEL.client().execute("int down(int n) { return down(n + 1) + 1; }");
        Execution run = KERNEL.client().execute("down(0)");
        assertEquals("java.lang.StackOverflowError", run.ename());
        assertTrue(run.traceback().contains("more times"), "repeated frames are folded: " + run.traceback());
        assertTrue(run.traceback().lines().count() < 100, run.traceback());
        assertSurvived();
    }

    @Test
    void outOfMemoryFromAHugeArray() throws Exception {
        Execution run = KERNEL.client().execute("long[] huge = new long[Integer.MAX_VALUE - 16];");
        assertEquals("java.lang.OutOfMemoryError", run.ename());
        assertSurvived();
    }

    @Test
    void outOfMemoryFromFillingTheHeap() throws Exception {
        Execution run = KERNEL.client().execute("""
                {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                """);
        assertEquals("java.lang.OutOfMemoryError", run.ename());
        assertSurvived();
        assertEquals("ok", KERNEL.client().execute("long[] again = new long[1 << 20]; again.length").status(),
                "the memory is free again");
    }

    @Test
    void systemExitIsRefused() throws Exception {
        for (String code : List.of("System.exit(0);", "Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(1);",
                "Runnable quit = () -> System.exit(0); quit.run();",
                "java.util.function.IntConsumer ender = System::exit; ender.accept(5);",
                "void leave() { if (kept != null) System.exit(0); }\nleave();")) {
            Execution run = KERNEL.client().execute(code);
            assertEquals("asyncrt.kernel.execution.exitguard.ExitRefusedException", run.ename(), code + ": " + run);
            assertTrue(run.reply().contentString("evalue", "").contains("refused"), run.toString());
            assertTrue(KERNEL.process().isAlive());
            assertSurvived();
        }
    }

    @Test
    void aMillionLinesArriveBatchedAndComplete() throws Exception {
        Execution run = KERNEL.client().execute("for (int i = 0; i < 1_000_000; i++) { System.out.println(\"line \" + i); }");
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
        Execution run = KERNEL.client().execute("""
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
        Execution run = KERNEL.client().execute("var t = new Thread(() -> { throw new IllegalStateException(\"background\"); }); t.start(); t.join();");
        assertEquals("ok", run.status(), "the cell itself did not fail");
        assertSurvived();
    }

    private static void assertSurvived() throws Exception {
        Execution check = KERNEL.client().execute("kept");
        assertEquals("\"still here\"", check.result(), check.toString());
        assertTrue(KERNEL.client().heartbeat(java.time.Duration.ofSeconds(30)));
    }
}

package asyncrt.executors;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.getRunningLoop;
import static asyncrt.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The process pool runs functions in other JVMs (seed section 16). */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessPoolExecutorTest {
    static long cpuIntensiveTask(int n) {
        long result = 0;
        for (long i = 0; i < n; i++) {
            result += i * i;
        }
        return result;
    }

    static long pid(int ignored) {
        return ProcessHandle.current().pid();
    }

    @Test
    void sectionSixteenTheSameResultByThreadAndByProcessAndTheProcessIsAnotherOne() {
        Asyncio.run(async(() -> {
            long byThread = await(toThread(ProcessPoolExecutorTest::cpuIntensiveTask, 1_000_000));
            try (var pool = new ProcessPoolExecutor()) {
                long byProcess = await(getRunningLoop().runInExecutor(pool, ProcessPoolExecutorTest::cpuIntensiveTask, 1_000_000));
                assertEquals(byThread, byProcess);
                long workerPid = await(getRunningLoop().runInExecutor(pool, ProcessPoolExecutorTest::pid, 0));
                assertNotEquals(ProcessHandle.current().pid(), workerPid);
                long again = await(getRunningLoop().runInExecutor(pool, () -> ProcessHandle.current().pid()));
                assertEquals(workerPid, again, "one worker does the work serially when one suffices");
            }
        }));
    }

    @Test
    void theWorkersExceptionArrivesAtTheAwait() {
        Asyncio.run(async(() -> {
            try (var pool = new ProcessPoolExecutor(1)) {
                ArithmeticException e = assertThrows(ArithmeticException.class,
                        () -> await(getRunningLoop().runInExecutor(pool, (Integer n) -> n / 0, 1)));
                assertEquals("/ by zero", e.getMessage());
                assertTrue(List.of(e.getStackTrace()).stream().anyMatch(f -> f.getClassName().equals(ProcessPoolWorker.class.getName())),
                        "the stack trace is the worker's");
            }
        }));
    }

    @Test
    void whatCannotBeSentIsRefusedAtTheCallWithAHint() {
        Asyncio.run(async(() -> {
            try (var pool = new ProcessPoolExecutor(1)) {
                Object notSerializable = new Object();
                IllegalArgumentException captured = assertThrows(IllegalArgumentException.class,
                        () -> getRunningLoop().runInExecutor(pool, (Integer n) -> n + notSerializable.hashCode(), 1));
                assertTrue(captured.getMessage().startsWith("cannot send the call to a worker process: it refers to an object of"
                        + " java.lang.Object, which is not serializable"), captured.getMessage());

                Function<Integer, Integer> plain = n -> n + 1;
                IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
                        () -> getRunningLoop().runInExecutor(pool, plain, 1));
                assertTrue(function.getMessage().startsWith("ProcessPoolExecutor runs functions in another JVM, so they must be"
                        + " serializable: pass a lambda or method reference straight to runInExecutor"), function.getMessage());
            }
        }));
    }

    @Test
    void aWorkerThatDiesBreaksThePool() throws Exception {
        try (var pool = new ProcessPoolExecutor(1)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> pool.submit(() -> {
                Runtime.getRuntime().halt(3);
                return null;
            }).get());
            assertTrue(e.getCause() instanceof BrokenProcessPool, e.toString());
            assertTrue(e.getCause().getMessage().startsWith("A process in the process pool was terminated abruptly"), e.getCause().getMessage());
            assertThrows(BrokenProcessPool.class, () -> pool.submit(() -> 1));
        }
    }

    @Test
    void aFunctionWrittenInAJShellCellRunsInAWorker() throws Exception {
        String asyncrtClasses = Path.of(ProcessPoolExecutor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(asyncrtClasses);
            eval(shell, "import asyncrt.executors.*;");
            eval(shell, "long square(long n) { return n * n; }");
            eval(shell, "record Answer(long value, long pid) implements java.io.Serializable { }");
            eval(shell, "var pool = new ProcessPoolExecutor(1);");
            eval(shell, "Answer answer = pool.submit(n -> new Answer(square(n), ProcessHandle.current().pid()), 12L).get();");
            eval(shell, "pool.close();");
            assertEquals("144", eval(shell, "answer.value()"));
            assertNotEquals(Long.toString(ProcessHandle.current().pid()), eval(shell, "answer.pid()"));
        }
    }

    /** Evaluates one snippet; fails with JShell's diagnostics or the snippet's exception. */
    private static String eval(JShell shell, String code) {
        List<SnippetEvent> events = shell.eval(code);
        for (SnippetEvent event : events) {
            if (event.exception() != null) {
                throw new AssertionError(code + " threw " + event.exception(), event.exception());
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw new AssertionError(code + " was rejected: "
                        + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
            }
        }
        return events.get(events.size() - 1).value();
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import asyncrt.combinators.TimeoutError;
import asyncrt.contextvars.ContextVar;
import asyncrt.contextvars.Token;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples of the seed document's sections 3–8 and 11–13, in Java with asyncrt's names.
 * Each runs beside the seed's own Python (run here by CPython) and must print the same lines
 * in the same order, at the same moments (±150 ms, measured from the first line).
 */
class SeedExamplesTest {
    private static final double MARGIN = 0.150;

    // ---- section 3 -----------------------------------------------------------------------------

    static Coroutine<String> simpleCoroutine() {
        return async(() -> {
            System.out.println("Start");
            await(sleep(1));  // Pause here and give control back
            System.out.println("Middle");
            await(sleep(1));  // Pause again
            System.out.println("End");
            return "Done";
        });
    }

    @Test
    void section3CallingACoroutineFunctionRunsNothing() {
        compare("section03.py", line -> line.replace("<class 'coroutine'>", "class asyncrt.coroutines.Coroutine"), () -> {
            Coroutine<String> coro = simpleCoroutine();
            System.out.println(coro.getClass());
            coro.close();
        });
    }

    // ---- section 4 -----------------------------------------------------------------------------

    static Coroutine<Void> main4() {
        return async(() -> {
            String result = await(simpleCoroutine());
            System.out.println("Result: " + result);
        });
    }

    @Test
    void section4RunningTheLoop() {
        compare("section04.py", UnaryOperator.identity(), () -> Asyncio.run(main4()));
    }

    // ---- section 5 -----------------------------------------------------------------------------

    static Coroutine<String> downloadFileAsync(String url) {
        return async(() -> {
            System.out.println("Starting download of " + url);
            await(sleep(2));  // Simulate network delay
            System.out.println("Finished downloading " + url);
            return "Content of " + url;
        });
    }

    static Coroutine<Void> main5() {
        return async(() -> {
            Coroutine<String> file1Coro = downloadFileAsync("file1.txt");
            Coroutine<String> file2Coro = downloadFileAsync("file2.txt");
            List<String> contents = await(gather(file1Coro, file2Coro));
            System.out.println("Content: " + contents.get(0) + ", " + contents.get(1));
        });
    }

    @Test
    void section5AwaitingTwoDownloadsTogether() {
        compare("section05.py", UnaryOperator.identity(), () -> Asyncio.run(main5()));
    }

    // ---- section 6 -----------------------------------------------------------------------------

    static Coroutine<String> task1() {
        return async(() -> {
            System.out.println("Task 1: Starting");
            await(sleep(2));
            System.out.println("Task 1: After sleep");
            return "Result 1";
        });
    }

    static Coroutine<String> task2() {
        return async(() -> {
            System.out.println("Task 2: Starting");
            await(sleep(1));
            System.out.println("Task 2: After sleep");
            return "Result 2";
        });
    }

    static Coroutine<Void> main6() {
        return async(() -> {
            long startTime = System.nanoTime();
            List<String> results = await(gather(task1(), task2()));
            long endTime = System.nanoTime();
            System.out.println("Results: " + results);
            System.out.printf("Total time: %.2f seconds%n", (endTime - startTime) / 1e9);
        });
    }

    @Test
    void section6TheFlowOfControl() {
        compare("section06.py", SeedExamplesTest::javaListRepr, () -> Asyncio.run(main6()));
    }

    // ---- section 7 -----------------------------------------------------------------------------

    static Coroutine<String> performWork() {
        return async(() -> {
            System.out.println("Working...");
            await(sleep(1));
            System.out.println("Work complete");
            return "Work result";
        });
    }

    static Coroutine<Void> main7() {
        return async(() -> {
            Task<String> task = createTask(performWork());
            System.out.println("Doing something else");
            await(sleep(0.5));
            System.out.println("Still waiting for task to complete");
            String result = await(task);
            System.out.println("Task returned: " + result);
        });
    }

    @Test
    void section7ATaskInTheBackground() {
        compare("section07.py", UnaryOperator.identity(), () -> Asyncio.run(main7()));
    }

    // ---- section 8 -----------------------------------------------------------------------------

    static Coroutine<String> helloWorld() {
        return async(() -> {
            await(sleep(1));
            return "Hello World";
        });
    }

    @Test
    void section8ALoopByHand() {
        compare("section08.py", UnaryOperator.identity(), () -> {
            EventLoop loop = Asyncio.newEventLoop();
            Asyncio.setEventLoop(loop);
            try {
                String result = loop.runUntilComplete(helloWorld());
                System.out.println(result);
            } finally {
                loop.close();
            }
        });
    }

    // ---- section 11 ----------------------------------------------------------------------------

    static Coroutine<String> riskyOperation() {
        return async(() -> {
            await(sleep(1));
            throw new IllegalArgumentException("Something went wrong");
        });
    }

    static Coroutine<Void> handleErrors() {
        return async(() -> {
            try {
                String result = await(riskyOperation());
                System.out.println("Success: " + result);
            } catch (IllegalArgumentException e) {
                System.out.println("Caught error: " + e.getMessage());
            }
            Task<String> task = createTask(riskyOperation());
            try {
                await(task);
            } catch (IllegalArgumentException e) {
                System.out.println("Caught task error: " + e.getMessage());
            }
        });
    }

    @Test
    void section11ErrorsThroughAwait() {
        compare("section11.py", UnaryOperator.identity(), () -> Asyncio.run(handleErrors()));
    }

    // ---- section 12 ----------------------------------------------------------------------------

    static Coroutine<Void> longRunningTask() {
        return async(() -> {
            try {
                System.out.println("Starting long task");
                while (true) {
                    await(sleep(0.5));
                    System.out.println("Still running...");
                }
            } catch (CancelledError e) {
                System.out.println("Task was cancelled!");
                throw e;  // Re-raise to properly clean up
            }
        });
    }

    static Coroutine<Void> main12() {
        return async(() -> {
            Task<Void> task = createTask(longRunningTask());
            await(sleep(2));
            System.out.println("Cancelling task...");
            task.cancel();
            try {
                await(task);
            } catch (CancelledError e) {
                System.out.println("Task cancellation confirmed");
            }
            try {
                await(waitFor(longRunningTask(), 1.5));
            } catch (TimeoutError e) {
                System.out.println("Operation timed out");
            }
        });
    }

    @Test
    void section12CancellationAndTimeouts() {
        compare("section12.py", UnaryOperator.identity(), () -> Asyncio.run(main12()));
    }

    // ---- section 13 ----------------------------------------------------------------------------

    static final ContextVar<String> requestId = new ContextVar<>("request_id", "unknown");

    static Coroutine<Void> processRequest(String idValue) {
        return async(() -> {
            Token<String> token = requestId.set(idValue);
            try {
                await(logRequest());
                await(handleRequest());
            } finally {
                requestId.reset(token);
            }
        });
    }

    static Coroutine<Void> logRequest() {
        return async(() -> {
            String currentId = requestId.get();
            System.out.println("Processing request: " + currentId);
        });
    }

    static Coroutine<Void> handleRequest() {
        return async(() -> {
            String currentId = requestId.get();
            await(sleep(0.1));
            System.out.println("Handled request: " + currentId);
        });
    }

    static Coroutine<Void> main13() {
        return async(() -> {
            await(gather(
                    processRequest("request-1"),
                    processRequest("request-2"),
                    processRequest("request-3")));
        });
    }

    @Test
    void section13ContextVariables() {
        compare("section13.py", UnaryOperator.identity(), () -> Asyncio.run(main13()));
    }

    // ---- the comparison --------------------------------------------------------------------------

    /** Python prints lists of strings as ['a', 'b']; Java as [a, b]. */
    private static String javaListRepr(String pythonLine) {
        return pythonLine.replaceAll("'([^']*)'", "$1");
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+\\.\\d+");

    private static void compare(String pythonExample, UnaryOperator<String> pythonToJava, Runnable javaExample) {
        var pythonRun = java.util.concurrent.CompletableFuture.supplyAsync(() -> runPython(pythonExample));
        List<Capture.Line> java = Capture.stdout(javaExample);
        List<Capture.Line> python = pythonRun.join();
        List<String> expected = python.stream().map(l -> pythonToJava.apply(l.text())).toList();
        List<String> actual = Capture.texts(java);
        assertEquals(expected.size(), actual.size(), "Python printed " + expected + "\nJava printed " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertSameLine(expected.get(i), actual.get(i));
            double pythonAt = python.get(i).at() - python.get(0).at();
            double javaAt = java.get(i).at() - java.get(0).at();
            assertTrue(Math.abs(pythonAt - javaAt) <= MARGIN, String.format(
                    "line %d '%s': Python printed it at %.3f s, Java at %.3f s", i, actual.get(i), pythonAt, javaAt));
        }
    }

    /** Equal, except that decimal numbers (measured times) may differ by the margin. */
    private static void assertSameLine(String expected, String actual) {
        String shapeExpected = NUMBER.matcher(expected).replaceAll("#");
        String shapeActual = NUMBER.matcher(actual).replaceAll("#");
        assertEquals(shapeExpected, shapeActual);
        var e = NUMBER.matcher(expected);
        var a = NUMBER.matcher(actual);
        while (e.find() && a.find()) {
            double de = Double.parseDouble(e.group());
            double da = Double.parseDouble(a.group());
            assertTrue(Math.abs(de - da) <= MARGIN, "'" + actual + "' vs Python's '" + expected + "'");
        }
    }

    /** Runs the seed's Python for {@code example} (alongside the Java: both mostly sleep) and stamps each line it prints. */
    private static List<Capture.Line> runPython(String example) {
        try {
            Path script = Files.createTempFile("seed-", ".py");
            try (var in = SeedExamplesTest.class.getResourceAsStream("/seed/" + example)) {
                Files.write(script, in.readAllBytes());
            }
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process p = new ProcessBuilder(python, "-u", script.toString()).redirectErrorStream(true).start();
            long start = System.nanoTime();
            List<Capture.Line> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(new Capture.Line(line, (System.nanoTime() - start) / 1e9));
                }
            }
            if (p.waitFor() != 0) {
                fail("python3 " + example + " failed: " + lines);
            }
            Files.delete(script);
            return lines;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run the Python example " + example, e);
        }
    }
}

package asyncrt;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.currentTask;
import static asyncrt.Asyncio.runCoroutineThreadsafe;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.taskGroup;
import static asyncrt.Asyncio.timeout;
import static asyncrt.Asyncio.timeoutAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import asyncrt.combinators.ExceptionGroup;
import asyncrt.combinators.Timeout;
import asyncrt.combinators.TimeoutError;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of {@code fidelity/scopes.py}, each run by CPython and in Java, must print the same
 * lines: timeouts, task groups, {@code Task.set_result} and {@code run_coroutine_threadsafe}. The Java
 * side runs on a virtual clock, CPython on the real one: the lines say what happened, in what order,
 * not when.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ScopesAgainstCPythonTest {

    static final class Boom extends RuntimeException {
    }

    static Coroutine<Void> crashAfter(double delay) {
        return async(() -> {
            await(sleep(delay));
            throw new Boom();
        });
    }

    static String py(boolean b) {
        return b ? "True" : "False";
    }

    static String describe(ExceptionGroup e) {
        return "ExceptionGroup: " + e.getMessage() + " "
                + e.exceptions().stream().map(x -> "'" + x.getClass().getSimpleName() + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void nested() {
        compare("nested", () -> VirtualTime.run(async(() -> {
            double deadline = EventLoop.getRunningLoop().time() + 0.05;
            Timeout cm1 = timeoutAt(deadline);
            Timeout cm2 = timeoutAt(deadline);
            try {
                await(cm1.run(() -> {
                    try {
                        await(cm2.run(() -> {
                            await(sleep(10));
                        }));
                    } catch (CancelledError e) {
                        System.out.println("inner: CancelledError");
                        throw e;
                    }
                }));
            } catch (TimeoutError e) {
                System.out.println("outer: TimeoutError");
            }
            System.out.println("expired: " + py(cm1.expired()) + " " + py(cm2.expired()));
            System.out.println("cancelling: " + currentTask().cancelling());
        })));
    }

    @Test
    void retry() {
        compare("retry", () -> VirtualTime.run(async(() -> {
            int[] attempts = {0};
            try {
                await(timeout(0.1, () -> {
                    while (true) {
                        try {
                            attempts[0]++;
                            await(sleep(0.03));
                            throw new Boom();
                        } catch (Exception e) {
                            // retried
                        }
                    }
                }));
            } catch (TimeoutError e) {
                System.out.println("the retry loop was stopped by TimeoutError after " + (attempts[0] > 1 ? "several" : "one") + " attempts");
            }
        })));
    }

    @Test
    void innerCatch() {
        compare("inner_catch", () -> VirtualTime.run(async(() -> {
            try {
                await(timeout(0.05, () -> {
                    try {
                        await(timeout(5, () -> {
                            await(sleep(10));
                        }));
                    } catch (TimeoutError e) {
                        System.out.println("inner caught TimeoutError");
                    }
                    System.out.println("after the inner block");
                }));
            } catch (TimeoutError e) {
                System.out.println("outer: TimeoutError");
            }
        })));
    }

    @Test
    void externalCancel() {
        compare("external_cancel", () -> VirtualTime.run(async(() -> {
            Task<Void> task = createTask(async(() -> {
                await(timeout(0.1, () -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        System.out.println("worker: CancelledError");
                        await(sleep(0.2));
                        throw e;
                    }
                }));
                System.out.println("worker: went on");
            }));
            await(sleep(0.05));
            task.cancel();
            try {
                await(task);
            } catch (CancelledError e) {
                System.out.println("main: CancelledError");
            } catch (TimeoutError e) {
                System.out.println("main: TimeoutError");
            }
            System.out.println("task cancelled: " + py(task.cancelled()));
        })));
    }

    @Test
    void cleanUp() {
        compare("clean_up", () -> VirtualTime.run(async(() -> {
            try {
                await(timeout(0.05, () -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        System.out.println("except CancelledError");
                        throw e;
                    } finally {
                        System.out.println("finally");
                    }
                }));
            } catch (TimeoutError e) {
                System.out.println("TimeoutError");
            }
        })));
    }

    @Test
    void groupBodyCatchesException() {
        compare("group_body_catches_exception", () -> VirtualTime.run(async(() -> {
            try {
                await(taskGroup(tg -> {
                    tg.createTask(crashAfter(0.05));
                    try {
                        await(sleep(10));
                    } catch (Exception e) {
                        System.out.println("swallowed " + e.getClass().getSimpleName());
                    }
                    System.out.println("the body went on");
                }));
            } catch (ExceptionGroup e) {
                System.out.println(describe(e));
            }
            System.out.println("cancelling: " + currentTask().cancelling());
            await(sleep(0.01));
            System.out.println("slept after the group");
        })));
    }

    @Test
    void groupOrder() {
        compare("group_order", () -> VirtualTime.run(async(() -> {
            try {
                await(taskGroup(tg -> {
                    tg.createTask(crashAfter(0.05));
                    tg.createTask(async(() -> {
                        try {
                            await(sleep(5));
                        } catch (CancelledError e) {
                            System.out.println("sibling: CancelledError");
                            throw e;
                        }
                    }));
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        System.out.println("body: CancelledError");
                        throw e;
                    }
                }));
                System.out.println("not reached");
            } catch (ExceptionGroup e) {
                System.out.println(describe(e));
            }
        })));
    }

    @Test
    void groupBodyRaises() {
        compare("group_body_raises", () -> VirtualTime.run(async(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            try {
                await(taskGroup(tg -> {
                    tasks.add(tg.createTask(sleep(1)));
                    await(sleep(0.01));
                    throw new Boom();
                }));
            } catch (ExceptionGroup e) {
                System.out.println(describe(e));
            }
            System.out.println("task cancelled: " + py(tasks.get(0).cancelled()));
        })));
    }

    @Test
    void groupCancelledFromOutside() {
        compare("group_cancelled_from_outside", () -> VirtualTime.run(async(() -> {
            Task<Void> task = createTask(async(() -> {
                await(taskGroup(tg -> {
                    tg.createTask(sleep(5));
                    await(sleep(10));
                }));
            }));
            await(sleep(0.05));
            task.cancel("stop");
            try {
                await(task);
            } catch (CancelledError e) {
                System.out.println("CancelledError: " + e.getMessage());
            }
        })));
    }

    @Test
    void timeoutAroundGroup() {
        compare("timeout_around_group", () -> VirtualTime.run(async(() -> {
            try {
                await(timeout(0.05, () -> {
                    await(taskGroup(tg -> {
                        tg.createTask(sleep(5));
                        tg.createTask(sleep(6));
                    }));
                }));
            } catch (TimeoutError e) {
                System.out.println("TimeoutError");
            }
            System.out.println("cancelling: " + currentTask().cancelling());
        })));
    }

    @Test
    void taskSetResult() {
        compare("task_set_result", () -> VirtualTime.run(async(() -> {
            Task<Void> task = createTask(sleep(0));
            List<Runnable> actions = List.of(() -> task.setResult(null), () -> task.setException(new Boom()));
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (IllegalStateException e) {
                    System.out.println(e.getMessage());
                }
            }
            await(task);
            System.out.println("done: " + py(task.done()));
        })));
    }

    @Test
    void threadsafe() {
        compare("threadsafe", () -> {
            EventLoop loop = EventLoop.newEventLoop();
            Thread thread = new Thread(loop::runForever);
            thread.start();
            try {
                List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
                System.out.println("result: " + runCoroutineThreadsafe(async(() -> {
                    await(sleep(0.01));
                    return 1 + 2;
                }), loop).get(5, TimeUnit.SECONDS));
                CompletableFuture<Void> future = runCoroutineThreadsafe(async(() -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        seen.add("task: CancelledError");
                        throw e;
                    }
                }), loop);
                runCoroutineThreadsafe(sleep(0.05), loop).get(5, TimeUnit.SECONDS);
                System.out.println("cancel: " + py(future.cancel(true)));
                runCoroutineThreadsafe(sleep(0.05), loop).get(5, TimeUnit.SECONDS);
                System.out.println(String.join(" ", seen));
                CompletableFuture<Void> cancelsItself = runCoroutineThreadsafe(async(() -> {
                    Task.currentTask().cancel();
                    await(sleep(10));
                }), loop);
                try {
                    cancelsItself.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.out.println("the future: " + (cancelsItself.isCancelled() ? "cancelled" : e.getClass().getSimpleName()));
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                loop.callSoonThreadsafe(loop::stop);
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.close();
            }
        });
    }

    // ---- the comparison ------------------------------------------------------------------------

    private static void compare(String scenario, Runnable java) {
        CompletableFuture<List<String>> python = CompletableFuture.supplyAsync(() -> runPython(scenario));
        List<String> actual = Capture.texts(Capture.stdout(java));
        assertEquals(python.join(), actual, "CPython's lines, then asyncrt's, for scenario " + scenario);
    }

    private static List<String> runPython(String scenario) {
        try {
            Path script = Files.createTempFile("scopes-", ".py");
            try (var in = ScopesAgainstCPythonTest.class.getResourceAsStream("/fidelity/scopes.py")) {
                Files.write(script, in.readAllBytes());
            }
            String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
            Process p = new ProcessBuilder(python, "-u", script.toString(), scenario).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("python3 scopes.py " + scenario + " failed:\n" + out);
            }
            Files.delete(script);
            return out.lines().toList();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run scopes.py " + scenario, e);
        }
    }
}

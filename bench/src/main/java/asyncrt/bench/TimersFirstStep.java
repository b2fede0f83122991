package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.sleep;

import asyncrt.coroutines.AsyncRunnable;
import asyncrt.events.EventLoop;
import asyncrt.events.TimerHandle;
import asyncrt.tasks.Future;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * timers-first-step: what one sleeper's first step costs, in parts. The timers workload's p99 depends
 * on the pass in which all 100 000 sleepers take their first step (see where-the-time-goes.md); this
 * times that pass alone, 100 000 first steps in one loop iteration, for three bodies that each add a
 * layer of {@code await(sleep(d))}: awaiting a future, then also making the future and its timer as
 * {@code sleep} does, then {@code sleep} itself (its coroutine around the two). Figures are the loop
 * thread's CPU time and allocated bytes per first step, medians of the runs after the warm-ups.
 *
 * <p>Each body is measured in a JVM of its own: run in one JVM, the bodies share call sites whose
 * profiles then inline less, and the frames a first step leaves on the heap grow by a third.
 */
public final class TimersFirstStep {
    private static final int TASKS = 100_000;
    private static final int WARMUPS = 20;
    private static final int RUNS = 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private TimersFirstStep() {}

    /** With no argument, measures each body in a child JVM and reports all; with a body's name, measures that one. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 1) {
            var body = bodies().get(args[0]);
            if (body == null) {
                throw new IllegalArgumentException("no body named " + args[0] + "; the bodies are " + bodies().keySet());
            }
            double[] figures = measure(body);
            System.out.println(Math.round(figures[0]) + " " + Math.round(figures[1]));
            return;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String name : bodies().keySet()) {
            String[] nanosAndBytes = inChildJvm(name).split(" ");
            figures.put(name + "_ns", Long.parseLong(nanosAndBytes[0]));
            figures.put(name + "_bytes", Long.parseLong(nanosAndBytes[1]));
        }
        Workload.report("timers-first-step", figures);
    }

    private static Map<String, BiFunction<EventLoop, Double, AsyncRunnable>> bodies() {
        Map<String, BiFunction<EventLoop, Double, AsyncRunnable>> bodies = new LinkedHashMap<>();
        bodies.put("await_future", (loop, delay) -> {
            Future<Void> never = loop.createFuture();
            return () -> await(never);
        });
        bodies.put("future_and_timer", (loop, delay) -> () -> {
            Future<Void> future = loop.createFuture();
            TimerHandle timer = loop.callLater(delay, () -> future.setResult(null));
            try {
                await(future);
            } finally {
                timer.cancel();
            }
        });
        bodies.put("sleep", (loop, delay) -> () -> await(sleep(delay)));
        return bodies;
    }

    /** Runs this class for one body in a new JVM with this JVM's options; returns what it printed. */
    private static String inChildJvm(String body) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TimersFirstStep.class.getName(), body));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (child.waitFor() != 0) {
            throw new IllegalStateException("measuring " + body + " failed: " + printed);
        }
        return printed;
    }

    /** Median CPU nanoseconds and bytes per first step of {@code body}, after the warm-ups. */
    private static double[] measure(BiFunction<EventLoop, Double, AsyncRunnable> body) {
        double[] nanos = new double[RUNS];
        double[] bytes = new double[RUNS];
        for (int i = -WARMUPS; i < RUNS; i++) {
            double[] pass = pass(body, i);
            if (i >= 0) {
                nanos[i] = pass[0];
                bytes[i] = pass[1];
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(bytes);
        return new double[] {nanos[RUNS / 2], bytes[RUNS / 2]};
    }

    /** CPU nanoseconds and bytes per first step of one pass; the loop is then closed with its tasks still waiting. */
    private static double[] pass(BiFunction<EventLoop, Double, AsyncRunnable> body, long seed) {
        Random random = new Random(seed);
        EventLoop loop = EventLoop.newEventLoop();
        for (int i = 0; i < TASKS; i++) {
            loop.createTask(async(body.apply(loop, 100 + random.nextDouble())));
        }
        loop.callSoon(loop::stop);
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        loop.runForever();
        double[] perStep = {
            (THREADS.getCurrentThreadCpuTime() - cpu) / (double) TASKS,
            (THREADS.getCurrentThreadAllocatedBytes() - allocated) / (double) TASKS};
        loop.setExceptionHandler((closing, context) -> { });  // the waiting tasks are left pending on purpose
        loop.close();
        return perStep;
    }
}

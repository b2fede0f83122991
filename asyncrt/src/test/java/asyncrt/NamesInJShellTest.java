package asyncrt;

import static asyncrt.JShellCells.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The names of the synchronization primitives, streams and executors work in a JShell cell set up
 * as the kernel sets it up: {@code java.util.*} and {@code java.util.concurrent.*} imported on
 * demand, and every public asyncrt type imported by name — which beats the on-demand imports, so
 * {@code Queue}, {@code PriorityQueue}, {@code Semaphore} mean asyncrt's.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamesInJShellTest {
    @Test
    void primitivesStreamsAndExecutorsKeepTheirAsyncioNamesInACell() throws Exception {
        try (JShell shell = kernelLikeShell()) {
            eval(shell, """
                    String check = Asyncio.run(async(() -> {
                        Queue<Integer> q = new Queue<>(1);
                        PriorityQueue<Integer> pq = new PriorityQueue<>();
                        LifoQueue<Integer> lq = new LifoQueue<>();
                        Lock lock = new Lock();
                        Semaphore sem = new Semaphore(2);
                        Event event = new Event();
                        Condition cond = new Condition();
                        Barrier barrier = new Barrier(1);
                        await(q.put(1));
                        pq.putNowait(3);
                        pq.putNowait(2);
                        try (var held = await(lock.acquire())) {
                            event.set();
                        }
                        try (var permit = await(sem.acquire())) {
                            await(event.wait_());
                        }
                        try (var held = await(cond.acquire())) {
                            cond.notifyAll_();
                        }
                        return await(q.get()) + " " + pq.getNowait() + " " + await(barrier.wait_()) + " "
                                + q.getClass().getName() + " " + sem.getClass().getName();
                    }));
                    """);
            assertEquals("\"1 2 0 asyncrt.queues.Queue asyncrt.locks.Semaphore\"", eval(shell, "check"));
            assertEquals("asyncrt.streams.Server", eval(shell, "Server.class.getName()").replace("\"", ""));
            assertEquals("asyncrt.executors.ProcessPoolExecutor", eval(shell, "ProcessPoolExecutor.class.getName()").replace("\"", ""));
        }
    }

    @Test
    void timeoutAndTaskGroupScopesCompileAndRunInACell() throws Exception {
        try (JShell shell = kernelLikeShell()) {
            eval(shell, """
                    String scopes = Asyncio.run(async(() -> {
                        List<String> log = new ArrayList<>();
                        try {
                            await(timeout(0.05, () -> {
                                await(sleep(10));
                            }));
                        } catch (TimeoutError e) {
                            log.add("TimeoutError");
                        }
                        int n = await(timeout(1, () -> 41 + 1));
                        log.add("value " + n);
                        Timeout cm = timeout(1);
                        await(cm.run(() -> await(sleep(0))));
                        log.add("expired " + cm.expired());
                        await(taskGroup(tg -> tg.createTask(sleep(0.01))));
                        await(taskGroup(tg -> {
                            tg.createTask(sleep(0.01));
                            tg.createTask(sleep(0.02));
                        }));
                        log.add("groups done");
                        return String.join(", ", log);
                    }));
                    """);
            assertEquals("\"TimeoutError, value 42, expired false, groups done\"", eval(shell, "scopes"));
        }
    }

    /** As the kernel's preamble decides: a class that cannot be loaded here (the continuation engine, without the export) is not imported. */
    private static boolean isPublic(String type) {
        try {
            return java.lang.reflect.Modifier.isPublic(Class.forName(type, false, Asyncio.class.getClassLoader()).getModifiers());
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** A JShell set up as the kernel's: java.util.* and java.util.concurrent.* on demand, every public asyncrt type by name. */
    private static JShell kernelLikeShell() throws Exception {
        Path classes = JShellCells.asyncrtClasses();
        JShell shell = JShellCells.localShell();
        try (Stream<Path> files = Files.walk(classes)) {
            eval(shell, "import java.util.*;");
            eval(shell, "import java.util.concurrent.*;");
            for (String type : files.map(p -> classes.relativize(p).toString())
                    .filter(f -> f.startsWith("asyncrt") && f.endsWith(".class") && !f.contains("$")).map(f -> f.replace(".class", "").replace('/', '.')).toList()) {
                if (isPublic(type)) {
                    eval(shell, "import " + type + ";");
                }
            }
            eval(shell, "import static asyncrt.Asyncio.*;");
        }
        return shell;
    }
}

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
        Path classes = JShellCells.asyncrtClasses();
        try (JShell shell = JShellCells.localShell(); Stream<Path> files = Files.walk(classes)) {
            eval(shell, "import java.util.*;");
            eval(shell, "import java.util.concurrent.*;");
            for (String type : files.map(p -> classes.relativize(p).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$")).map(f -> f.replace(".class", "").replace('/', '.')).toList()) {
                if (java.lang.reflect.Modifier.isPublic(Class.forName(type, false, Asyncio.class.getClassLoader()).getModifiers())) {
                    eval(shell, "import " + type + ";");
                }
            }
            eval(shell, "import static asyncrt.Asyncio.*;");
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
}

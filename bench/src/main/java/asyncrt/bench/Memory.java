package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;

import asyncrt.Asyncio;
import asyncrt.events.EventLoop;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** memory: heap bytes per task suspended on a future, with 100 000 of them. */
public final class Memory {
    static final int TASKS = 100_000;

    public static void main(String[] args) {
        // The steady state, with the code compiled: a run during which the JIT replaces code
        // leaves some tasks suspended in interpreted frames, which are several times larger.
        double bytes = Workload.median(2, 3, () -> once());
        Workload.report("memory", Map.of("bytes_per_task", Math.round(bytes)));
    }

    static long once() {
        return Asyncio.run(async(() -> {
            Future<Void> gate = EventLoop.getRunningLoop().createFuture();
            long before = Workload.usedHeapAfterGc();
            List<Task<Void>> tasks = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                tasks.add(createTask(async(() -> {
                    await(gate);
                })));
            }
            await(sleep(0));
            await(sleep(0));
            long after = Workload.usedHeapAfterGc();
            gate.setResult(null);
            await(gather(tasks));
            return (after - before) / TASKS;
        }));
    }
}

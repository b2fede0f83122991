package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** spawn: 100 000 tasks that each await sleep(0) ten times, gathered; nanoseconds per task step. */
public final class Spawn {
    static final int TASKS = 100_000;
    static final int YIELDS = 10;

    public static void main(String[] args) {
        double seconds = Workload.median(3, 5, Spawn::once);
        long steps = (long) TASKS * (YIELDS + 1);
        Workload.report("spawn", Map.of("ns_per_step", Math.round(seconds * 1e9 / steps), "seconds", seconds));
    }

    static Coroutine<Void> worker() {
        return async(() -> {
            for (int i = 0; i < YIELDS; i++) {
                await(sleep(0));
            }
        });
    }

    static double once() {
        long start = System.nanoTime();
        Asyncio.run(async(() -> {
            List<Coroutine<Void>> workers = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                workers.add(worker());
            }
            await(gather(workers));
        }));
        return (System.nanoTime() - start) / 1e9;
    }
}

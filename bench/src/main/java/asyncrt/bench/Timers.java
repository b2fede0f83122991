package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** timers: 100 000 tasks sleeping random delays in [0, 1 s]; total time, and how late they woke (p50, p99). */
public final class Timers {
    static final int TASKS = 100_000;

    static final int WARMUPS = 5;
    static final int RUNS = 5;

    public static void main(String[] args) {
        // The steady state, with the code compiled (as spawn measures it): each figure is the
        // median of its runs after the warm-ups.
        for (int i = 0; i < WARMUPS; i++) {
            once(i);
        }
        double[][] runs = new double[3][RUNS];
        for (int r = 0; r < RUNS; r++) {
            double[] result = once(WARMUPS + r);
            for (int k = 0; k < 3; k++) {
                runs[k][r] = result[k];
            }
        }
        for (double[] figure : runs) {
            Arrays.sort(figure);
        }
        Workload.report("timers", Map.of("total_s", runs[0][RUNS / 2], "p50_late_ms", runs[1][RUNS / 2], "p99_late_ms", runs[2][RUNS / 2]));
    }

    static double[] once(long seed) {
        System.gc();  // every run starts from an empty young generation, so no collection falls in it by chance
        Random random = new Random(seed);
        double[] lateness = new double[TASKS];
        long start = System.nanoTime();
        Asyncio.run(async(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            List<Coroutine<Void>> sleepers = new ArrayList<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int n = i;
                double delay = random.nextDouble();
                sleepers.add(async(() -> {
                    double due = loop.time() + delay;
                    await(sleep(delay));
                    lateness[n] = loop.time() - due;
                }));
            }
            await(gather(sleepers));
        }));
        double total = (System.nanoTime() - start) / 1e9;
        Arrays.sort(lateness);
        return new double[] {total, lateness[TASKS / 2] * 1000, lateness[TASKS * 99 / 100] * 1000};
    }
}

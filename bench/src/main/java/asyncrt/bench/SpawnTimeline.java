package asyncrt.bench;

import asyncrt.events.LoopRegistry;
import asyncrt.introspect.Timeline;
import java.util.Arrays;
import java.util.Map;

/**
 * spawn-timeline: the spawn workload run in one JVM alternately as it is and with a {@link Timeline}
 * recording every task step, as the kernel's {@code %%timeline} records a cell; the median nanoseconds
 * per task step of each, and their ratio (the cost of watching). Alternating puts both under the same
 * conditions of a shared machine.
 */
public final class SpawnTimeline {
    private static final int WARMUPS = 3;
    private static final int RUNS = 5;

    private SpawnTimeline() {}

    public static void main(String[] args) {
        boolean[] recording = {false};
        double[] plain = new double[RUNS];
        double[] recorded = new double[RUNS];
        try (LoopRegistry.Listener attach = LoopRegistry.onNewLoop(loop -> {
            if (recording[0]) {
                loop.instruments().add(new Timeline());
            }
        })) {
            for (int i = -WARMUPS; i < RUNS; i++) {
                recording[0] = false;
                double withoutTimeline = Spawn.once();
                recording[0] = true;
                double withTimeline = Spawn.once();
                if (i >= 0) {
                    plain[i] = withoutTimeline;
                    recorded[i] = withTimeline;
                }
            }
        }
        Arrays.sort(plain);
        Arrays.sort(recorded);
        long steps = (long) Spawn.TASKS * (Spawn.YIELDS + 1);
        Workload.report("spawn-timeline", Map.of(
                "ns_per_step", Math.round(plain[RUNS / 2] * 1e9 / steps),
                "timeline_ns_per_step", Math.round(recorded[RUNS / 2] * 1e9 / steps),
                "ratio", Math.round(recorded[RUNS / 2] / plain[RUNS / 2] * 100) / 100.0));
    }
}

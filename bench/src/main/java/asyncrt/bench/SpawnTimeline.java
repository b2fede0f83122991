package asyncrt.bench;

import asyncrt.events.LoopRegistry;
import asyncrt.introspect.Timeline;
import java.util.Map;

/**
 * spawn-timeline: the spawn workload measured twice in one JVM, first as it is and then with a
 * {@link Timeline} recording every task step, as the kernel's {@code %%timeline} records a cell;
 * nanoseconds per task step for each, and their ratio (the cost of watching).
 */
public final class SpawnTimeline {
    private SpawnTimeline() {}

    public static void main(String[] args) {
        boolean[] recording = {false};
        double plain;
        double recorded;
        try (LoopRegistry.Listener attach = LoopRegistry.onNewLoop(loop -> {
            if (recording[0]) {
                loop.instruments().add(new Timeline());
            }
        })) {
            plain = Workload.median(3, 5, Spawn::once);
            recording[0] = true;
            recorded = Workload.median(3, 5, Spawn::once);
        }
        long steps = (long) Spawn.TASKS * (Spawn.YIELDS + 1);
        Workload.report("spawn-timeline", Map.of(
                "ns_per_step", Math.round(plain * 1e9 / steps),
                "timeline_ns_per_step", Math.round(recorded * 1e9 / steps),
                "ratio", Math.round(recorded / plain * 100) / 100.0));
    }
}

package asyncrt.bench;

import asyncrt.events.LoopRegistry;
import asyncrt.introspect.Timeline;
import java.util.Map;

/**
 * spawn-timeline: the spawn workload with a {@link Timeline} recording every task step, as the
 * kernel's {@code %%timeline} records a cell; nanoseconds per task step, to set beside spawn's.
 */
public final class SpawnTimeline {
    private SpawnTimeline() {}

    public static void main(String[] args) {
        double seconds;
        try (LoopRegistry.Listener recording = LoopRegistry.onNewLoop(loop -> loop.instruments().add(new Timeline()))) {
            seconds = Workload.median(3, 5, Spawn::once);
        }
        long steps = (long) Spawn.TASKS * (Spawn.YIELDS + 1);
        Workload.report("spawn-timeline", Map.of("ns_per_step", Math.round(seconds * 1e9 / steps), "seconds", seconds));
    }
}

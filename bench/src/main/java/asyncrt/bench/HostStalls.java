package asyncrt.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * host-stalls: how often the machine itself holds a thread up, which no event loop can help. On a
 * shared virtual machine the host takes a vCPU away from a thread that is running, and gives an
 * idle vCPU back late to a thread that was waiting. Either one delays every timer due meanwhile,
 * which a tail figure such as the timers workload's p99 lateness feels at once.
 *
 * <p>For {@value #SECONDS} seconds a thread spins reading the clock and counts the gaps between
 * two reads; for as long again it waits 1 ms at a time in a {@link Selector} (as the loop waits
 * for its next timer) and counts how much later than asked each wait ends. bench/run takes this
 * before and after its rounds and prints it beside the run's load average.
 */
public final class HostStalls {
    private static final int SECONDS = 5;
    private static final long MS = 1_000_000;
    private static final long PROBE_NANOS = SECONDS * 1000 * MS;

    private HostStalls() {}

    public static void main(String[] args) throws IOException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seconds_each", SECONDS);
        figures.putAll(spinning().figures("running"));
        figures.putAll(waiting().figures("waiting"));
        Workload.report("host-stalls", figures);
    }

    /** Gaps between consecutive clock reads of a spinning thread: time its vCPU was taken away. */
    private static Stalls spinning() {
        Stalls stalls = new Stalls();
        long end = System.nanoTime() + PROBE_NANOS;
        long previous = System.nanoTime();
        for (long now = previous; now < end; now = System.nanoTime()) {
            stalls.add(now - previous);
            previous = now;
        }
        return stalls;
    }

    /** How much later than asked 1 ms waits in a Selector end: time an idle vCPU took to come back. */
    private static Stalls waiting() throws IOException {
        Stalls stalls = new Stalls();
        try (Selector selector = Selector.open()) {
            long end = System.nanoTime() + PROBE_NANOS;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                selector.select(1);
                stalls.add(System.nanoTime() - start - MS);
            }
        }
        return stalls;
    }

    /** Counts of stalls over 1 ms and over 4 ms, and the longest. */
    private static final class Stalls {
        private int overOneMs;
        private int overFourMs;
        private long longest;

        void add(long nanos) {
            if (nanos > MS) {
                overOneMs++;
            }
            if (nanos > 4 * MS) {
                overFourMs++;
            }
            longest = Math.max(longest, nanos);
        }

        Map<String, Object> figures(String prefix) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put(prefix + "_over_1ms", overOneMs);
            figures.put(prefix + "_over_4ms", overFourMs);
            figures.put(prefix + "_longest_ms", Math.round(longest / 1e4) / 100.0);
            return figures;
        }
    }
}

package asyncrt.bench;

import asyncrt.coroutines.Backend;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What every workload main shares: repeated measurement and a one-line JSON report that bench/run.py reads. */
final class Workload {
    private Workload() {}

    /**
     * Runs {@code measure} {@code warmups} times unrecorded, then {@code runs} times; returns the median. On the
     * virtual-thread backend, a hundred times slower per step and there for comparison only, one warm-up and one
     * measured run are enough and keep the whole benchmark within minutes.
     */
    static double median(int warmups, int runs, java.util.function.DoubleSupplier measure) {
        if (Backend.active() == Backend.VIRTUAL_THREAD) {
            warmups = Math.min(warmups, 1);
            runs = 1;
        }
        for (int i = 0; i < warmups; i++) {
            measure.getAsDouble();
        }
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measure.getAsDouble();
        }
        Arrays.sort(values);
        return values[runs / 2];
    }

    /** Prints {@code {"workload": name, key: value, ...}} on one line. */
    static void report(String name, Map<String, Object> figures) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("workload", name);
        all.putAll(figures);
        System.out.println(all.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}")));
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}

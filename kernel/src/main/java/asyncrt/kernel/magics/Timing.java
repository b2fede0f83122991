package asyncrt.kernel.magics;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The measuring loop of {@code %timeit}, called from the code the magic generates so that the timed code is
 * compiled once and runs as cell code (the Stop button ends it). Like Python's timeit: with no loop count
 * given, the count grows tenfold until one run takes at least 0.2 s; the report gives the mean and spread of
 * the per-loop time over the runs.
 */
public final class Timing {

    private static final long MIN_RUN_NANOS = 200_000_000L;

    private Timing() {
    }

    /** Times statements; returns the report. */
    public static String timeStatements(Runnable code, int loops, int runs) throws InterruptedException {
        return time(() -> {
            code.run();
            return null;
        }, loops, runs);
    }

    /** Times an expression; returns the report. */
    public static String timeExpression(Supplier<?> code, int loops, int runs) throws InterruptedException {
        return time(code, loops, runs);
    }

    private static String time(Supplier<?> code, int loops, int runs) throws InterruptedException {
        int n = loops > 0 ? loops : calibrate(code);
        double[] perLoop = new double[runs];
        for (int r = 0; r < runs; r++) {
            perLoop[r] = run(code, n) / (double) n;
        }
        double mean = Arrays.stream(perLoop).average().orElse(0);
        double deviation = Math.sqrt(Arrays.stream(perLoop).map(t -> (t - mean) * (t - mean)).sum() / runs);
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %d loop%s each)",
                format(mean), format(deviation), runs, runs == 1 ? "" : "s", n, n == 1 ? "" : "s");
    }

    private static int calibrate(Supplier<?> code) throws InterruptedException {
        int n = 1;
        while (n < 1_000_000_000 && run(code, n) < MIN_RUN_NANOS) {
            n *= 10;
        }
        return n;
    }

    private static long run(Supplier<?> code, int n) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            code.get();
            if (Thread.interrupted()) {
                throw new InterruptedException("%timeit was interrupted");
            }
        }
        return System.nanoTime() - start;
    }

    /** A duration in the unit that suits it, as Python's timeit prints it. */
    static String format(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.3g ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.3g µs", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.3g ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
    }
}

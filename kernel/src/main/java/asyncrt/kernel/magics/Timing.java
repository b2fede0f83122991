package asyncrt.kernel.magics;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The measuring loop of {@code %timeit}, called from the code the magic generates so that the timed code is
 * compiled once and runs as cell code (the Stop button ends it). Like Python's timeit: with no loop count
 * given, the count grows tenfold until one run takes at least 0.2 s, up to {@value #MAX_LOOPS} loops; the report
 * gives the mean and spread of the per-loop time over the runs.
 *
 * <p>Each result goes into a blackhole, as JMH calls it: the JIT compiler cannot prove that nothing uses the
 * value, so it cannot remove the timed code (without one, {@code %timeit Math.max(1, 2)} measured an empty loop,
 * 0.3 ns). The blackhole and the loop cost about a nanosecond per loop, which is in the times reported.
 */
public final class Timing {

    private static final long MIN_RUN_NANOS = 200_000_000L;
    /** Enough loops for a mean of a nanosecond-scale call; more only lengthens the wait. */
    static final int MAX_LOOPS = 10_000_000;

    private Timing() {
    }

    /** Times statements; returns the report. */
    public static String timeStatements(Runnable code, int loops, int runs) throws InterruptedException {
        return time(() -> {
            code.run();
            return null;
        }, loops, runs);
    }

    /** Times an expression, each of its values consumed by a blackhole; returns the report. */
    public static String timeExpression(Supplier<?> code, int loops, int runs) throws InterruptedException {
        return time(code, loops, runs);
    }

    private static String time(Supplier<?> code, int loops, int runs) throws InterruptedException {
        Blackhole blackhole = new Blackhole();
        int n = loops > 0 ? loops : calibrate(code, blackhole);
        double[] perLoop = new double[runs];
        for (int r = 0; r < runs; r++) {
            perLoop[r] = run(code, n, blackhole) / (double) n;
        }
        blackhole.clear();
        double mean = Arrays.stream(perLoop).average().orElse(0);
        double deviation = Math.sqrt(Arrays.stream(perLoop).map(t -> (t - mean) * (t - mean)).sum() / runs);
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each)",
                format(mean), format(deviation), runs, runs == 1 ? "" : "s", n, n == 1 ? "" : "s");
    }

    private static int calibrate(Supplier<?> code, Blackhole blackhole) throws InterruptedException {
        int n = 1;
        while (n < MAX_LOOPS && run(code, n, blackhole) < MIN_RUN_NANOS) {
            n *= 10;
        }
        return n;
    }

    private static long run(Supplier<?> code, int n, Blackhole blackhole) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            blackhole.consume(code.get());
            if (Thread.interrupted()) {
                throw new InterruptedException("%timeit was interrupted");
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * A blackhole, after JMH's (without the JVM's help that JMH asks for with a compiler option). Each value may
     * be stored where it outlives the loop: the store happens when a pseudo-random number, which the JIT compiler
     * cannot foresee, has its low bits clear, and each store makes the next one half as likely. So the compiler
     * must compute every value, and allocate every object (a value it could prove is never stored, such as a new
     * object compared with an old one, it may remove), while the store itself happens a few dozen times at most.
     */
    static final class Blackhole {
        private volatile int storeMask = 1;
        private int random = 1;
        private Object kept;

        void consume(Object value) {
            random = random * 1_103_515_245 + 12_345; // a linear congruential step
            int mask = storeMask;
            if ((random & mask) == 0) {
                kept = value;
                storeMask = (mask << 1) | 1;
            }
        }

        void clear() {
            kept = null;
        }
    }

    /** A duration in the unit that suits it, as Python's timeit prints it. */
    static String format(double nanos) {
        if (nanos == 0) {
            return "0 ns";
        }
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

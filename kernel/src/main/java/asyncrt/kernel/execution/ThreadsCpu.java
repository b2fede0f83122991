package asyncrt.kernel.execution;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of the JVM's live platform threads: the kernel's, the carriers its virtual threads run on (a cell
 * runs on one, whose own CPU time the JVM does not measure) and those cells start; the JIT compiler and the
 * garbage collector, which are not Java threads, are left out. A thread that ends between two readings takes its
 * time with it.
 */
final class ThreadsCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean supported = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();

    /** CPU time per thread id now, in nanoseconds; empty where the JVM cannot tell. */
    Map<Long, Long> read() {
        Map<Long, Long> times = new HashMap<>();
        if (!supported) {
            return times;
        }
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                times.put(id, cpu);
            }
        }
        return times;
    }

    /** The CPU time spent between two readings, over the threads alive at the second. */
    static long spent(Map<Long, Long> before, Map<Long, Long> after) {
        long cpu = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            cpu += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        return cpu;
    }
}

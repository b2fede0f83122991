package asyncrt.kernel.util;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Linux's scheduling policies for the kernel's own threads and the JVM's, through one native call,
 * {@code sched_setscheduler}, made with the JDK's foreign function API (the kernelspec passes
 * {@code --enable-native-access=ALL-UNNAMED}). Elsewhere than on Linux, or if the call fails, nothing changes.
 */
public final class LinuxScheduling {

    /** The usual policy: threads share the cores fairly, and a woken thread may preempt the one running. */
    public static final int SCHED_OTHER = 0;
    /** A woken batch thread never preempts the thread running; otherwise as {@link #SCHED_OTHER}. */
    public static final int SCHED_BATCH = 3;
    /** An idle thread runs only on a core no other thread wants. */
    public static final int SCHED_IDLE = 5;

    private static final MethodHandle SCHED_SETSCHEDULER = lookUp();

    private LinuxScheduling() {
    }

    /**
     * Gives a thread a policy (priority 0, the only one these policies have).
     *
     * @param tid the thread's id in {@code /proc/self/task}, or 0 for the calling thread
     * @return whether the policy was set
     */
    public static boolean set(int tid, int policy) {
        if (SCHED_SETSCHEDULER == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment priority = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param, priority 0
            int result = (int) SCHED_SETSCHEDULER.invokeExact(tid, policy, priority);
            if (result != 0) {
                Log.debug("sched_setscheduler(" + tid + ", " + policy + ") returned " + result);
            }
            return result == 0;
        } catch (Throwable e) {
            Log.debug("sched_setscheduler(" + tid + ", " + policy + ") failed: " + e);
            return false;
        }
    }

    /** The ids of this process's threads whose name (as {@code /proc} shortens it) starts with {@code prefix}. */
    public static List<Integer> threadsNamed(String prefix) {
        if (SCHED_SETSCHEDULER == null) {
            return List.of();
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> nameOf(task).startsWith(prefix))
                    .map(task -> Integer.parseInt(task.getFileName().toString()))
                    .toList();
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot list the process's threads: " + e);
            return List.of();
        }
    }

    private static String nameOf(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread has ended
        }
    }

    private static MethodHandle lookUp() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("sched_setscheduler")
                    .map(address -> linker.downcallHandle(address, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            Log.debug("no sched_setscheduler: " + e);
            return null;
        }
    }
}

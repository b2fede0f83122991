package asyncrt.kernel;

import asyncrt.kernel.util.LinuxScheduling;
import asyncrt.kernel.util.Log;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the JIT's optimising compiler (C2) off the cores the kernel's start needs, until the first cell has been
 * answered: its threads are Linux {@code SCHED_IDLE} threads until then, which run only on a core nothing else
 * wants.
 *
 * <p>Why: at start-up the JVM hands C2 the method profiles of the ahead-of-time cache's training session, and C2
 * sets about compiling javac's hottest methods at once. On a 2-core machine that took a core from JShell's first
 * compilations, and the first result came 0.1 s later (0.49–0.54 s against 0.38–0.42 s, five starts each). Once
 * the first cell is answered C2 is an ordinary thread again: warm cells need its code. Elsewhere than on Linux
 * nothing changes.
 */
final class StartupCompilation {

    private static final String C2_THREADS = "C2 Compiler";

    private final List<Integer> compilerThreads;
    private final AtomicBoolean over = new AtomicBoolean();

    private StartupCompilation(List<Integer> compilerThreads) {
        this.compilerThreads = compilerThreads;
    }

    /** Makes the C2 compiler's threads idle threads; call as the kernel starts. */
    static StartupCompilation begin() {
        List<Integer> threads = LinuxScheduling.threadsNamed(C2_THREADS).stream()
                .filter(tid -> LinuxScheduling.set(tid, LinuxScheduling.SCHED_IDLE))
                .toList();
        if (!threads.isEmpty()) {
            Log.debug("C2 waits for idle cores until the first cell is answered");
        }
        return new StartupCompilation(threads);
    }

    /** Gives the C2 compiler's threads the usual policy again; once, later calls do nothing. */
    void end() {
        if (over.compareAndSet(false, true)) {
            compilerThreads.forEach(tid -> LinuxScheduling.set(tid, LinuxScheduling.SCHED_OTHER));
        }
    }
}

package asyncrt.kernel.shell;

import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.JShellEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Optional;

/**
 * What to tell about a cell that Stop could not end: its code is blocked where neither JShell's stop check nor
 * an interrupt reaches — entering a {@code synchronized} block or taking a {@code Lock}, most often in a
 * deadlock — so the kernel gives its thread up. Names the deadlock when the JVM finds one.
 */
final class StuckCell {

    private StuckCell() {
    }

    /**
     * The cell's error message.
     *
     * @param seconds how long the cell was stopped in vain
     * @param where   where the loop is blocked, e.g. {@code  in Task 'In [3]' at In [3], line 2}, or ""
     * @param left    the tasks left behind on the loop given up
     * @param jshell  maps frames to cells, or null
     */
    static String message(long seconds, String where, List<String> left, JShellEvaluator jshell) {
        StringBuilder out = new StringBuilder("the cell did not end within " + seconds + " s of being stopped: the"
                + " kernel's event loop is blocked" + where + " where no stop or interrupt reaches it (waiting to"
                + " enter a synchronized block or to take a lock: a deadlock?).");
        deadlock(jshell).ifPresent(cycle -> out.append('\n').append(cycle));
        out.append("\nThe kernel gave that thread up: later cells run on a fresh event loop, and every definition is"
                + " kept. The locks the blocked code holds stay held: a later cell that needs them blocks too (a JVM"
                + " cannot force a thread out of a lock wait).");
        if (!left.isEmpty()) {
            out.append("\nTasks left behind on the old loop, which no longer runs: ").append(String.join(", ", left)).append('.');
        }
        return out.toString();
    }

    /** The lock cycle of the threads the JVM finds deadlocked (its search leaves virtual threads out), or empty. */
    private static Optional<String> deadlock(JShellEvaluator jshell) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null) {
            return Optional.empty();
        }
        StringBuilder cycle = new StringBuilder("Deadlock:");
        for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
            if (info == null) {
                continue;
            }
            cycle.append("\n  thread \"").append(info.getThreadName()).append("\"");
            at(info.getStackTrace(), jshell).ifPresent(p -> cycle.append(" at ").append(p.cell()).append(", line ").append(p.line()));
            cycle.append(" waits for ").append(info.getLockName())
                    .append(" held by thread \"").append(info.getLockOwnerName()).append("\"");
        }
        return Optional.of(cycle.toString());
    }

    private static Optional<CellPosition> at(StackTraceElement[] stack, JShellEvaluator jshell) {
        if (jshell == null) {
            return Optional.empty();
        }
        for (StackTraceElement frame : stack) {
            Optional<CellPosition> position = jshell.cellPosition(frame.getFileName(), frame.getLineNumber());
            if (position.isPresent()) {
                return position;
            }
        }
        return Optional.empty();
    }
}

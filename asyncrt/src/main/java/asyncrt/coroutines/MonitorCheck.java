package asyncrt.coroutines;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;

/**
 * Debug mode's check that a coroutine does not await inside a {@code synchronized} block. A
 * suspended coroutine keeps the monitors it holds, so another task entering the same monitor on
 * the loop's thread would block the whole loop for ever — the twin of holding a
 * {@code threading.Lock} across an {@code await} in Python. Works on the continuation backend,
 * where the coroutine's frames are on the loop thread's stack.
 */
final class MonitorCheck {
    private MonitorCheck() {}

    /** Throws if a monitor was taken inside the coroutine whose body is on the current thread's stack. */
    static void refuseAwaitHoldingMonitor() {
        ThreadInfo info = ManagementFactory.getThreadMXBean()
                .getThreadInfo(new long[] {Thread.currentThread().threadId()}, true, false)[0];
        if (info == null) {
            return;  // a virtual thread: the JDK does not list its monitors
        }
        StackTraceElement[] stack = info.getStackTrace();
        int coroutineBottom = stack.length;
        for (int depth = 0; depth < stack.length; depth++) {
            if (stack[depth].getClassName().equals("jdk.internal.vm.Continuation")) {
                coroutineBottom = depth;
                break;
            }
        }
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            if (monitor.getLockedStackDepth() >= 0 && monitor.getLockedStackDepth() < coroutineBottom) {
                throw new IllegalStateException("await while holding a monitor (" + monitor.getClassName() + ", locked at "
                        + monitor.getLockedStackFrame() + "): a suspended coroutine keeps its monitors, and another task"
                        + " entering this one would block the event loop for ever. Leave the synchronized block before"
                        + " awaiting, or use asyncrt's Lock, which is made for coroutines");
            }
        }
    }
}

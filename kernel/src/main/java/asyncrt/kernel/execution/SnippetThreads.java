package asyncrt.kernel.execution;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs each snippet's code on a virtual thread of its own, and interrupts what that code runs. On a virtual
 * thread a blocked {@code java.net.Socket} read or {@code ServerSocket.accept} can be interrupted (the socket is
 * closed and the call throws a {@code SocketException}); on JShell's platform snippet thread it cannot.
 *
 * <p>JShell's stop interrupts the threads of the thread group it makes for each snippet. The virtual thread is
 * not in that group, and neither are the platform threads the snippet's code starts: a thread started by a
 * virtual thread joins the group of all virtual threads. So {@link #interrupt()} interrupts them itself: the
 * virtual thread, and the platform threads that joined that group while the snippet ran.
 */
final class SnippetThreads {

    /** The thread group of all virtual threads, and of the platform threads they start. */
    private static final ThreadGroup VIRTUAL_THREADS = Thread.ofVirtual().unstarted(() -> { }).getThreadGroup();

    /** The running snippet's virtual thread (null when a runner runs it elsewhere), and the platform threads that were in its thread group before it. */
    private record Running(Thread thread, Set<Thread> before) {
    }

    private volatile Running running;

    SnippetThreads() {
        Thread.setDefaultUncaughtExceptionHandler(SnippetThreads::reportUncaught);
    }

    /**
     * Prints what a thread ended with, as the JVM does, except the ThreadDeath of a thread the Stop button
     * stopped: JShell's thread group swallowed those, and the threads a snippet starts are no longer in it.
     */
    @SuppressWarnings("removal")  // ThreadDeath is what JShell's stop checks throw
    private static void reportUncaught(Thread thread, Throwable thrown) {
        if (!(thrown instanceof ThreadDeath)) {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            thrown.printStackTrace(System.err);
        }
    }

    /**
     * Runs code on a new virtual thread; the calling thread waits until it has ended, whatever interrupts it.
     *
     * @return what the code returned
     * @throws Exception what the code threw (an {@link Error} it threw propagates as itself)
     */
    Object run(SnippetRunner.SnippetCode code) throws Exception {
        return run(code, null);
    }

    /**
     * Runs code with {@code runner}, which hands it to another thread (the kernel's loop) and waits; the threads
     * the code starts meanwhile are interrupted by {@link #interrupt()}, the runner's thread is not (it runs more
     * than this snippet). Without a runner, as {@link #run(SnippetRunner.SnippetCode)}.
     */
    Object run(SnippetRunner.SnippetCode code, SnippetRunner runner) throws Exception {
        if (runner == null) {
            return runOnOwnThread(code);
        }
        running = new Running(null, Set.copyOf(platformThreads()));
        try {
            return runner.run(code);
        } finally {
            running = null;
        }
    }

    private Object runOnOwnThread(SnippetRunner.SnippetCode code) throws Exception {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        // The cell's code sees the name JShell gave the snippet's thread, as before.
        Thread thread = Thread.ofVirtual().name(Thread.currentThread().getName()).unstarted(() -> {
            try {
                value[0] = code.call();
            } catch (Exception | Error e) {
                thrown[0] = e;
            }
        });
        running = new Running(thread, Set.copyOf(platformThreads()));
        try {
            thread.start();
            joinUninterruptibly(thread);
        } finally {
            running = null;
        }
        if (thrown[0] instanceof Error error) {
            throw error;
        }
        if (thrown[0] != null) {
            throw (Exception) thrown[0];
        }
        return value[0];
    }

    /** Interrupts the running snippet's virtual thread and the platform threads started while it runs. */
    void interrupt() {
        Running snippet = running;
        if (snippet == null) {
            return;
        }
        if (snippet.thread() != null) {
            snippet.thread().interrupt();
        }
        for (Thread started : platformThreads()) {
            if (!snippet.before().contains(started)) {
                started.interrupt();
            }
        }
    }

    /** The live platform threads in the group of virtual threads. */
    private static List<Thread> platformThreads() {
        Thread[] threads;
        int count;
        do {
            threads = new Thread[VIRTUAL_THREADS.activeCount() + 8];
            count = VIRTUAL_THREADS.enumerate(threads);
        } while (count == threads.length);
        return Arrays.asList(threads).subList(0, count);
    }

    /** Waits for a thread to end; the Stop button interrupts the waiting thread too (it is JShell's snippet thread). */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

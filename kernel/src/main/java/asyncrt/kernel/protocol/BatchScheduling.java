package asyncrt.kernel.protocol;

import asyncrt.kernel.util.Log;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import zmq.util.function.BiFunction;

/**
 * Makes the threads of ZeroMQ's context in Linux's {@code SCHED_BATCH} class, so that waking one of them
 * never preempts the thread that woke it.
 *
 * <p>Why: a thread that hands jeromq a message writes a byte to the I/O thread's wake-up pipe, then counts it.
 * On a busy machine the woken I/O thread used to take the sender's core at once, find the byte not yet counted,
 * and poll the pipe again and again until the scheduler gave the sender its core back: about a millisecond
 * of spinning for each message, several per cell. A batch thread waits for its turn instead, and by then the
 * byte is counted. Elsewhere than on Linux, or if the call fails, the threads are made as jeromq makes them.
 */
final class BatchScheduling {

    private static final int SCHED_BATCH = 3;
    private static final MethodHandle SCHED_SETSCHEDULER = lookUp();

    private BatchScheduling() {
    }

    /** A thread factory for {@code ZMQ.Context.setThreadFactor}: daemon threads that are batch threads. */
    static BiFunction<Runnable, String, Thread> threadFactory() {
        return (target, name) -> {
            Thread thread = new Thread(() -> {
                enter();
                target.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void enter() {
        if (SCHED_SETSCHEDULER == null) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment priority = arena.allocate(ValueLayout.JAVA_INT); // struct sched_param: 0 for batch
            int result = (int) SCHED_SETSCHEDULER.invokeExact(0, SCHED_BATCH, priority);
            if (result != 0) {
                Log.debug("ZeroMQ's threads keep the usual scheduling: sched_setscheduler returned " + result);
            }
        } catch (Throwable e) {
            Log.debug("ZeroMQ's threads keep the usual scheduling: " + e);
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
            Log.debug("ZeroMQ's threads keep the usual scheduling: " + e);
            return null;
        }
    }
}

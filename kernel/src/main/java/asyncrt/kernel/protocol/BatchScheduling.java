package asyncrt.kernel.protocol;

import asyncrt.kernel.util.LinuxScheduling;
import zmq.util.function.BiFunction;

/**
 * Makes the threads of ZeroMQ's context in Linux's {@code SCHED_BATCH} class, so that waking one of them
 * never preempts the thread that woke it.
 *
 * <p>Why: a thread that hands jeromq a message writes a byte to the I/O thread's wake-up pipe, then counts it.
 * On a busy machine the woken I/O thread used to take the sender's core at once, find the byte not yet counted,
 * and poll the pipe again and again until the scheduler gave the sender its core back: about a millisecond
 * of spinning for each message, several per cell. A batch thread waits for its turn instead, and by then the
 * byte is counted. Elsewhere than on Linux the threads are made as jeromq makes them.
 */
final class BatchScheduling {

    private BatchScheduling() {
    }

    /** A thread factory for {@code ZMQ.Context.setThreadFactor}: daemon threads that are batch threads. */
    static BiFunction<Runnable, String, Thread> threadFactory() {
        return (target, name) -> {
            Thread thread = new Thread(() -> {
                LinuxScheduling.set(0, LinuxScheduling.SCHED_BATCH);
                target.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

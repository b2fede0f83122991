package asyncrt.events;

import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.Future;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loop's default executor, the thread pool of {@code runInExecutor(null, ...)} and {@code toThread}: made on
 * first use, as CPython's {@code BaseEventLoop} makes its {@code ThreadPoolExecutor}.
 */
final class DefaultExecutor {
    /** Numbers the pool's threads across loops: asyncio_0, asyncio_1, ... as CPython names them. */
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long {@code shutdownDefaultExecutor} waits for the threads, as CPython 3.12's default timeout. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 300;

    private ExecutorService executor;

    /** The pool, made now if needed: CPython's default size, min(32, CPUs + 4), of daemon threads. */
    synchronized ExecutorService get() {
        if (executor == null) {
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            executor = Executors.newFixedThreadPool(workers, job -> {
                Thread t = new Thread(job, "asyncio_" + THREADS.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    synchronized void set(ExecutorService replacement) {
        executor = replacement;
    }

    synchronized boolean made() {
        return executor != null;
    }

    /** Stops the pool taking work, without waiting (the loop is closing). */
    synchronized void shutdownWithoutWaiting() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    /** {@link EventLoop#shutdownDefaultExecutor()}: waits for the threads on a thread of its own, not on the loop. */
    Coroutine<Void> shutdown(EventLoop loop) {
        return Coroutine.of(() -> {
            ExecutorService pool;
            synchronized (this) {
                pool = executor;
            }
            if (pool == null) {
                return;
            }
            pool.shutdown();
            Executor ownThread = job -> new Thread(job, "asyncio-shutdown-executor").start();
            Future<Boolean> joined = loop.runInExecutor(ownThread, () -> pool.awaitTermination(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (!Coroutine.await(joined)) {
                System.err.println("The executor did not finish joining its threads within " + SHUTDOWN_TIMEOUT_SECONDS + " seconds.");
            }
        });
    }
}

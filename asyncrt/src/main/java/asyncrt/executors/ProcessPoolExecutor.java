package asyncrt.executors;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs functions in other JVMs: Python's {@code concurrent.futures.ProcessPoolExecutor}, for
 * CPU-bound work that should not hold up the event loop (seed section 16). Each worker is a
 * separate process — same JDK, same class path, the continuation export if this JVM has it —
 * started when there is work for it, up to {@code maxWorkers}.
 *
 * <pre>{@code
 * try (var pool = new ProcessPoolExecutor()) {
 *     long result = await(getRunningLoop().runInExecutor(pool, Main::cpuIntensiveTask, 10_000_000));
 * }
 * }</pre>
 *
 * <p>The function and its argument travel by Java serialization, as Python pickles them. A
 * lambda or method reference passed straight to {@code runInExecutor} or {@link #submit} is
 * serializable by itself (the parameter types are {@link SerializableFunction} and
 * {@link SerializableCallable}); what it captures must be serializable too. Classes the worker
 * does not find on its class path — those a JShell cell defines, or jars added to a notebook —
 * it fetches from this JVM while it decodes the call, so a function written in a notebook cell
 * runs in a worker as it is.
 *
 * <p>The result (or exception) comes back the same way. If a worker dies, the pool is broken:
 * what was pending fails with {@link BrokenProcessPool}, as in Python.
 */
public final class ProcessPoolExecutor implements Executor, AutoCloseable {
    /** A call waiting for a worker, and where its outcome goes. */
    record Job(byte[] call, ClassLoader loader, CompletableFuture<Object> future) { }

    private final int maxWorkers;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private int idleWorkers;
    private boolean shutdown;
    private String broken;

    /** A pool of as many workers as there are processors. */
    public ProcessPoolExecutor() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** A pool of at most {@code maxWorkers} worker processes. */
    public ProcessPoolExecutor(int maxWorkers) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("maxWorkers must be greater than 0, got " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
    }

    /** Runs {@code fn.call()} in a worker; the future completes with its result or exception. */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> fn) {
        return enqueue(fn, null);
    }

    /** Runs {@code fn.apply(arg)} in a worker: Python's {@code pool.submit(fn, arg)}. */
    public <A, T> CompletableFuture<T> submit(SerializableFunction<A, T> fn, A arg) {
        return enqueue(fn, arg);
    }

    /** Runs {@code fn.call()} in a worker; {@code fn} must be serializable (see the class comment). */
    public <T> CompletableFuture<T> submit(Callable<T> fn) {
        return enqueue(fn, null);
    }

    /** Runs {@code command} in a worker; it must be serializable (see the class comment). */
    @Override
    public void execute(Runnable command) {
        enqueue(command, null);
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> CompletableFuture<T> enqueue(Object function, Object arg) {
        if (broken != null) {
            throw new BrokenProcessPool(broken);
        }
        if (shutdown) {
            throw new IllegalStateException("cannot schedule new futures after shutdown");
        }
        Job job = new Job(serializeCall(function, arg), loaderOf(function), new CompletableFuture<>());
        queue.add(job);
        notifyAll();
        if (idleWorkers == 0 && workers.size() < maxWorkers) {
            workers.add(WorkerProcess.start(this));
        }
        return (CompletableFuture<T>) job.future();
    }

    private static byte[] serializeCall(Object function, Object arg) {
        if (!(function instanceof Serializable)) {
            throw mustBeSerializable(function.toString());
        }
        try {
            return Wire.serialize(new Object[] {function, arg});
        } catch (NotSerializableException e) {
            String type = e.getMessage();
            if (type.contains("$$Lambda")) {
                throw mustBeSerializable("a lambda written in " + type.substring(0, type.indexOf("$$Lambda")));
            }
            throw new IllegalArgumentException("cannot send the call to a worker process: it refers to an object of " + type
                    + ", which is not serializable (capture only serializable values, or make that class Serializable)", e);
        }
    }

    private static IllegalArgumentException mustBeSerializable(String got) {
        return new IllegalArgumentException("ProcessPoolExecutor runs functions in another JVM, so they must be serializable:"
                + " pass a lambda or method reference straight to runInExecutor(pool, fn, arg) or pool.submit(...),"
                + " or declare it as a SerializableFunction or SerializableCallable; got " + got);
    }

    private static ClassLoader loaderOf(Object function) {
        ClassLoader loader = function.getClass().getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    // ---- for the workers ------------------------------------------------------------------------

    /** The next job for a worker, waiting for one; null when the worker should stop. */
    synchronized Job take() throws InterruptedException {
        idleWorkers++;
        try {
            while (queue.isEmpty() && !shutdown && broken == null) {
                wait();
            }
        } finally {
            idleWorkers--;
        }
        return broken != null ? null : queue.poll();
    }

    /** A worker process died while running {@code job} (null if idle): the pool is broken. */
    synchronized void workerDied(Job job, String reason) {
        broken = reason;
        BrokenProcessPool failure = new BrokenProcessPool(reason);
        if (job != null) {
            job.future().completeExceptionally(failure);
        }
        queue.forEach(pending -> pending.future().completeExceptionally(failure));
        queue.clear();
        notifyAll();
    }

    // ---- ending ---------------------------------------------------------------------------------

    /**
     * Refuses new work; the workers finish what was submitted and exit. With {@code wait}, returns
     * only once they have (Python's {@code shutdown(wait=True)}).
     */
    public void shutdown(boolean wait) {
        List<WorkerProcess> running;
        synchronized (this) {
            shutdown = true;
            notifyAll();
            running = List.copyOf(workers);
        }
        if (wait) {
            running.forEach(WorkerProcess::awaitExit);
        }
    }

    /** {@code shutdown(true)}: try-with-resources is Python's {@code with ProcessPoolExecutor() as pool:}. */
    @Override
    public void close() {
        shutdown(true);
    }

    @Override
    public synchronized String toString() {
        String state = broken != null ? "broken" : shutdown ? "shut down" : "running";
        return "<ProcessPoolExecutor " + state + " workers=" + workers.size() + "/" + maxWorkers + " pending=" + queue.size() + ">";
    }
}

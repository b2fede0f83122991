package asyncrt.executors;

import asyncrt.coroutines.Backend;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker JVM of a {@link ProcessPoolExecutor}, seen from the pool: the process, and a thread
 * that hands it jobs one at a time, answers its requests for classes, and completes each job's
 * future with what comes back.
 */
final class WorkerProcess {
    private final ProcessPoolExecutor pool;
    private final Process process;
    private final Thread thread;
    private final DataOutputStream toWorker;
    private final DataInputStream fromWorker;

    private WorkerProcess(ProcessPoolExecutor pool, Process process) {
        this.pool = pool;
        this.process = process;
        this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.thread = Thread.ofPlatform().daemon().name("asyncrt-process-pool-" + process.pid()).start(this::serve);
    }

    /** Starts a worker JVM like this one: same JDK, same class path, same continuation export. */
    static WorkerProcess start(ProcessPoolExecutor pool) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Backend.continuationsAvailable()) {
            command.addAll(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessPoolWorker.class.getName()));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new WorkerProcess(pool, process);
        } catch (IOException e) {
            throw new BrokenProcessPool("cannot start a worker process (" + String.join(" ", command) + "): " + e.getMessage());
        }
    }

    private void serve() {
        ProcessPoolExecutor.Job job = null;
        try {
            while ((job = pool.take()) != null) {
                if (!job.future().isDone()) {  // done already: cancelled while it waited
                    perform(job);
                }
                job = null;
            }
        } catch (IOException e) {
            pool.workerDied(job, "A process in the process pool was terminated abruptly while the future was running or pending"
                    + " (worker " + process.pid() + (process.isAlive() ? "" : ", exit code " + exitCode()) + ": " + e.getMessage()
                    + "; if it never started, is asyncrt on java.class.path?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                toWorker.close();  // the worker exits at the end of its input
            } catch (IOException alreadyGone) {
                // nothing to tell it
            }
        }
    }

    private void perform(ProcessPoolExecutor.Job job) throws IOException {
        Wire.send(toWorker, Wire.CALL, job.call());
        while (true) {
            int type = fromWorker.read();
            switch (type) {
                case Wire.LOAD -> sendClass(job.loader(), fromWorker.readUTF());
                case Wire.RESULT, Wire.ERROR -> {
                    complete(job, type, Wire.receivePayload(fromWorker));
                    return;
                }
                case -1 -> throw new EOFException("the worker's output ended");
                default -> throw new IOException("unexpected message " + type + " from the worker");
            }
        }
    }

    /** Sends the class file of {@code name}, as {@code loader} (the function's) sees it. */
    private void sendClass(ClassLoader loader, String name) throws IOException {
        byte[] bytes = null;
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in != null) {
                bytes = in.readAllBytes();
            }
        }
        toWorker.write(Wire.CLASS);
        toWorker.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            toWorker.write(bytes);
        }
        toWorker.flush();
    }

    private static void complete(ProcessPoolExecutor.Job job, int type, byte[] payload) {
        Object outcome;
        try {
            outcome = Wire.deserialize(payload, job.loader());
        } catch (IOException | ClassNotFoundException e) {
            job.future().completeExceptionally(new IllegalStateException("cannot decode what the worker process sent back: " + e, e));
            return;
        }
        if (type == Wire.RESULT) {
            job.future().complete(outcome);
        } else {
            job.future().completeExceptionally((Throwable) outcome);
        }
    }

    /** Waits until the worker's thread has stopped and its process has exited. */
    void awaitExit() {
        try {
            thread.join();
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitCode() {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException stillRunning) {
            return "?";
        }
    }
}

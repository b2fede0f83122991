package asyncrt.kernel;

import asyncrt.kernel.protocol.ConnectionInfo;
import asyncrt.kernel.util.Log;
import java.nio.file.Path;

/** Starts the kernel: {@code java ... asyncrt.kernel.KernelMain CONNECTION_FILE}, as a kernelspec's argv does. */
public final class KernelMain {

    private static final long EXIT_GRACE_MILLIS = 5000;
    private static final String SCHEDULER_PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private KernelMain() {
    }

    /** Runs the kernel until it is told to shut down. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -cp 'DIR/*' asyncrt.kernel.KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        if (args.length > 1) {
            // Some front ends (jupyter run, jupyter console) pass their own extra arguments on to the kernel.
            Log.debug("ignoring extra arguments " + String.join(" ", java.util.Arrays.asList(args).subList(1, args.length)));
        }
        System.setProperty("java.awt.headless", "true");
        // Maven Resolver logs through SLF4J; without this it would warn, into a cell, that it has no logger.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_SLF4JServiceProvider");
        // Cells run on virtual threads: with one carrier thread (a one-CPU container, as on Binder), a cell
        // spinning until a virtual thread it started has done something would wait for ever.
        if (System.getProperty(SCHEDULER_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 2) {
            System.setProperty(SCHEDULER_PARALLELISM, "2");
        }
        ConnectionInfo connection = ConnectionInfo.read(Path.of(args[0]));
        KernelOptions options = KernelOptions.from(System.getenv());
        int status = new Kernel(connection, options).run();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS); // a cell's shutdown hook must not keep the process alive
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(status);
        });
        System.exit(status);
    }
}

package asyncrt.kernel.testing;

import asyncrt.kernel.protocol.MessageSigner;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel process for tests: a connection file with free ports and a fresh key, the kernel's JVM started
 * on it (on the test class path, so test extensions are found), and a {@link KernelClient} connected to it.
 */
public final class KernelProcess implements AutoCloseable {

    private final Process process;
    private final KernelClient client;
    private final Path directory;
    private final Path log;

    private KernelProcess(Process process, KernelClient client, Path directory, Path log) {
        this.process = process;
        this.client = client;
        this.directory = directory;
        this.log = log;
    }

    /** Starts a kernel with default options. */
    public static KernelProcess start() throws Exception {
        return builder().start();
    }

    /** Options for a kernel to start. */
    public static Builder builder() {
        return new Builder();
    }

    /** How to start a kernel. */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        private Path historyFile;

        /** Sets an environment variable of the kernel (a kernel option). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Adds a JVM option. */
        public Builder jvm(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Uses this history file (to test history across restarts). */
        public Builder history(Path file) {
            historyFile = file;
            return this;
        }

        /** Starts the kernel and connects a client; waits until it answers kernel_info. */
        public KernelProcess start() throws Exception {
            Path directory = Files.createTempDirectory("kernel-test");
            String key = UUID.randomUUID().toString();
            int[] ports = freePorts(5);
            Path connection = directory.resolve("connection.json");
            Files.writeString(connection, """
                    {"transport": "tcp", "ip": "127.0.0.1", "shell_port": %d, "control_port": %d, "iopub_port": %d,
                     "stdin_port": %d, "hb_port": %d, "signature_scheme": "hmac-sha256", "key": "%s"}
                    """.formatted(ports[0], ports[1], ports[2], ports[3], ports[4], key), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("--add-exports");
            command.add("java.base/jdk.internal.vm=ALL-UNNAMED");
            command.add("--add-opens");
            command.add("jdk.jshell/jdk.jshell=ALL-UNNAMED");
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(String.join(File.pathSeparator, testClasspath()));
            command.add("asyncrt.kernel.KernelMain");
            command.add(connection.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            Path log = directory.resolve("kernel.log");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ASYNCRT_KERNEL_HISTORY_FILE",
                    (historyFile != null ? historyFile : directory.resolve("history.jsonl")).toString());
            builder.environment().put("ASYNCRT_KERNEL_LOG_LEVEL", "debug");
            builder.environment().remove("JPY_PARENT_PID");
            builder.environment().putAll(env);
            Process process = builder.start();
            KernelClient client = new KernelClient(ports, new MessageSigner("hmac-sha256", key));
            KernelProcess kernel = new KernelProcess(process, client, directory, log);
            try {
                client.waitForReady(Duration.ofSeconds(60));
            } catch (Exception | AssertionError e) {
                kernel.close();
                throw new IllegalStateException("kernel did not start; its log:\n" + kernel.log(), e);
            }
            return kernel;
        }
    }

    /** The client connected to this kernel. */
    public KernelClient client() {
        return client;
    }

    /** The kernel's working directory (a fresh temporary one). */
    public Path directory() {
        return directory;
    }

    /** The kernel's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the kernel process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; true if it did in time. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the kernel logged so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }

    /** The test class path (Surefire's, without its own jars, when run by Maven). */
    public static List<String> testClasspath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }
}

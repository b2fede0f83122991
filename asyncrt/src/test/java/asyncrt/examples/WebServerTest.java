package asyncrt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.coroutines.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The section-15 server ({@link WebServer}) as a real process: a child JVM on the same backend
 * as this test run, spoken to by curl and by Python's http.client, stopped with real signals.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebServerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The example server in a child JVM, its output collected line by line. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final LinkedBlockingQueue<String> incoming = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();
        final int port;

        Child() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            if (Backend.active() == Backend.CONTINUATION) {
                command.addAll(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
            }
            command.addAll(List.of("-cp", classPathOf(WebServer.class) + ":" + classPathOf(Asyncio.class), WebServer.class.getName(), "0"));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread.ofPlatform().daemon().start(() -> {
                try (var lines = process.inputReader(StandardCharsets.UTF_8)) {
                    lines.lines().forEach(incoming::add);
                } catch (IOException | java.io.UncheckedIOException closed) {
                    // the child is gone
                }
            });
            String serving = awaitLine(line -> line.startsWith("Serving on "));
            port = Integer.parseInt(serving.substring(serving.lastIndexOf(':') + 1));
            String backend = "coroutines run on the " + Backend.active().id() + " backend";
            assertTrue(seen.stream().anyMatch(line -> line.contains(backend)), "the child runs on this run's backend: " + seen);
        }

        /** Waits for (and returns) the next line of output that matches; fails with everything seen so far. */
        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                String line = incoming.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            }
            throw new AssertionError("the server did not print the expected line; its output:\n" + String.join("\n", seen));
        }

        /** Everything printed until the process ended. */
        List<String> outputToTheEnd() throws InterruptedException {
            assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the server did not exit; output:\n" + seen);
            Thread.sleep(100);  // let the reader thread hand over the last lines
            incoming.drainTo(seen);
            return seen;
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + name);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        private static String classPathOf(Class<?> type) {
            try {
                return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    @Test
    void itAnswersCurlAndPythonsHttpClient() throws Exception {
        try (Child server = new Child()) {
            String curl = run("curl", "-s", "-i", "http://127.0.0.1:" + server.port + "/");
            assertTrue(curl.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"), curl);
            assertTrue(curl.endsWith("\r\n\r\nHello from asyncio server!"), curl);
            server.awaitLine(line -> line.startsWith("Connection closed for /127.0.0.1:"));

            String python = run("/usr/bin/python3", "-c", """
                    import http.client, sys
                    conn = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=30)
                    conn.request('GET', '/')
                    response = conn.getresponse()
                    print(response.status, response.reason, response.getheader('Content-Type'), response.read().decode())
                    """, Integer.toString(server.port));
            assertEquals("200 OK text/plain Hello from asyncio server!\n", python);
            server.awaitLine(line -> line.startsWith("Response sent to /127.0.0.1:"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalShutsItDownGracefullyCancellingTheOpenConnections(String signal) throws Exception {
        try (Child server = new Child(); Socket idle = new Socket("127.0.0.1", server.port)) {
            String connected = server.awaitLine(line -> line.startsWith("Client connected: "));
            String peer = connected.substring("Client connected: ".length());
            server.signal(signal);

            List<String> output = server.outputToTheEnd();
            assertEquals(0, server.process.exitValue(), String.join("\n", output));
            List<String> tail = output.subList(output.indexOf("Shutting down..."), output.size());
            assertEquals(List.of("Shutting down...", "Connection closed for " + peer, "Server cancelled", "Server stopped"), tail);
            InputStream in = idle.getInputStream();
            assertEquals(-1, in.read(), "the idle connection was closed by the server");
        }
    }
}

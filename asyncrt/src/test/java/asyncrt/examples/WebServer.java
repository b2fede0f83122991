package asyncrt.examples;

import static asyncrt.Asyncio.RETURN_EXCEPTIONS;
import static asyncrt.Asyncio.allTasks;
import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.currentTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.getRunningLoop;
import static asyncrt.Asyncio.startServer;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.KeyboardInterrupt;
import asyncrt.events.Signal;
import asyncrt.streams.Server;
import asyncrt.streams.StreamReader;
import asyncrt.streams.StreamWriter;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The seed's section-15 web server in Java, line for line: one request per connection, SIGINT
 * and SIGTERM shut it down gracefully. Run it with {@code WebServer [port]} (default 8888).
 *
 * <p>One change from the seed: {@code main} catches the CancelledError that {@code shutdown()}
 * delivers to it (it cancels every task, the main one included). Without that, CPython's run of
 * the seed ends in a CancelledError traceback, and so would this.
 * bench/python/server15.py is the same program for CPython and uvloop.
 */
public final class WebServer {
    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHello from asyncio server!".getBytes(StandardCharsets.US_ASCII);

    private final int port;

    WebServer(int port) {
        this.port = port;
    }

    Coroutine<Void> handleClient(StreamReader reader, StreamWriter writer) {
        return async(() -> {
            // Get client address
            Object addr = writer.getExtraInfo("peername");
            System.out.println("Client connected: " + addr);
            try {
                // Read request
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                while (true) {
                    byte[] chunk = await(reader.read(100));
                    if (chunk.length == 0) {
                        break;
                    }
                    request.writeBytes(chunk);
                    if (request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
                System.out.println("Received request from " + addr);

                // Process request (simplified), send response
                writer.write(RESPONSE);
                await(writer.drain());
                System.out.println("Response sent to " + addr);
            } catch (Exception e) {
                System.out.println("Error handling client " + addr + ": " + e);
            } finally {
                // Clean up
                writer.close();
                await(writer.waitClosed());
                System.out.println("Connection closed for " + addr);
            }
        });
    }

    Coroutine<Void> main() {
        return async(() -> {
            // Set up signal handlers for graceful shutdown
            EventLoop loop = getRunningLoop();
            for (Signal sig : List.of(Signal.SIGINT, Signal.SIGTERM)) {
                loop.addSignalHandler(sig, () -> createTask(shutdown()));
            }

            // Start server
            Server server = await(startServer(this::handleClient, "127.0.0.1", port));
            System.out.println("Serving on " + server.sockets().get(0).socket().getLocalSocketAddress());

            // Keep the server running
            try (server) {
                await(server.serveForever());
            } catch (CancelledError cancelled) {
                System.out.println("Server cancelled");  // by shutdown(): end normally (see the class comment)
            }
        });
    }

    static Coroutine<Void> shutdown() {
        return async(() -> {
            System.out.println("Shutting down...");
            // Close all active connections, cancel tasks, etc.
            List<Task<?>> tasks = allTasks().stream().filter(t -> t != currentTask()).toList();
            for (Task<?> task : tasks) {
                task.cancel();
            }
            await(gather(RETURN_EXCEPTIONS, tasks));
            getRunningLoop().stop();
            System.out.println("Shutdown complete");
        });
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8888;
        try {
            Asyncio.run(new WebServer(port).main());
        } catch (KeyboardInterrupt e) {
            System.out.println("Interrupted by user");
        } catch (Exception e) {
            System.out.println("Error: " + e);
        } finally {
            System.out.println("Server stopped");
        }
    }
}

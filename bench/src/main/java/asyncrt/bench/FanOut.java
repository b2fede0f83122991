package asyncrt.bench;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.openConnection;
import static asyncrt.Asyncio.wrapFuture;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.locks.Acquired;
import asyncrt.locks.Semaphore;
import asyncrt.streams.StreamPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * fan-out: gathers 10 000 HTTP/1.1 GET requests against a local server, at most 64 at a time;
 * seconds for all of them. Usage: {@code FanOut PORT}. bench/run.py starts the server (one for all
 * peers) and passes its port; bench/python/fanout.py is the same client for asyncio and uvloop.
 *
 * <p>Each request opens a connection with {@code openConnection}, writes the request, reads the
 * response to the end of the stream (the server closes after one response) and closes. A second
 * variant does the same through {@code java.net.http.HttpClient.sendAsync}, awaited with
 * {@code wrapFuture}: the course's stand-in for aiohttp, which has no Python twin here.
 */
public final class FanOut {
    static final int REQUESTS = 10_000;
    static final int CONCURRENCY = 64;
    static final byte[] REQUEST =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private FanOut() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        double streams = Workload.median(1, 3, () -> once(() -> fetch("127.0.0.1", port)));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
        double httpClient = Workload.median(1, 3, () -> once(() -> send(client, request)));
        Workload.report("fanout", Map.of(
                "seconds", streams, "req_per_s", Math.round(REQUESTS / streams),
                "httpclient_seconds", httpClient, "httpclient_req_per_s", Math.round(REQUESTS / httpClient)));
    }

    /** One GET over asyncrt's own streams; returns the response's length. */
    static Coroutine<Integer> fetch(String host, int port) {
        return async(() -> {
            StreamPair connection = await(openConnection(host, port));
            connection.writer().write(REQUEST);
            await(connection.writer().drain());
            byte[] response = await(connection.reader().read());
            connection.writer().close();
            await(connection.writer().waitClosed());
            return checked(new String(response, 0, Math.min(response.length, 12), StandardCharsets.US_ASCII), response.length);
        });
    }

    /** One GET through the JDK's HttpClient, awaited on the loop; returns the body's length. */
    static Coroutine<Integer> send(HttpClient client, HttpRequest request) {
        return async(() -> {
            HttpResponse<byte[]> response = await(wrapFuture(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())));
            return checked(response.statusCode() == 200 ? "HTTP/1.1 200" : "status " + response.statusCode(), response.body().length);
        });
    }

    private static int checked(String status, int length) {
        if (!status.equals("HTTP/1.1 200")) {
            throw new IllegalStateException("unexpected response: " + status);
        }
        return length;
    }

    /** Seconds to gather {@value #REQUESTS} requests made by {@code request}, {@value #CONCURRENCY} at a time. */
    static double once(java.util.function.Supplier<Coroutine<Integer>> request) {
        long start = System.nanoTime();
        Asyncio.run(async(() -> {
            Semaphore limit = new Semaphore(CONCURRENCY);
            List<Coroutine<Integer>> requests = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                requests.add(async(() -> {
                    try (Acquired held = await(limit.acquire())) {
                        return await(request.get());
                    }
                }));
            }
            await(gather(requests));
        }));
        return (System.nanoTime() - start) / 1e9;
    }
}

package asyncrt.executors;

import static asyncrt.Asyncio.async;
import static asyncrt.Asyncio.await;
import static asyncrt.Asyncio.createTask;
import static asyncrt.Asyncio.gather;
import static asyncrt.Asyncio.sleep;
import static asyncrt.Asyncio.wrapFuture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.Asyncio;
import asyncrt.coroutines.Coroutine;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Task;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code java.net.http.HttpClient.sendAsync} awaited through {@code wrapFuture}: the role aiohttp
 * plays in the seed's sections 9 and 10, against a local {@code com.sun.net.httpserver.HttpServer}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpClientBridgeTest {
    private static final int PAGES = 3;

    private HttpServer server;
    private final CountDownLatch allArrived = new CountDownLatch(PAGES);
    private final CountDownLatch releaseSlowPage = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/page", exchange -> {
            allArrived.countDown();
            try {
                // Answer only once every page has been asked for: the requests are in flight together.
                if (!allArrived.await(60, TimeUnit.SECONDS)) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("<html><a href=x>" + exchange.getRequestURI().getPath() + "</a><a href=y>y</a></html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                releaseSlowPage.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlowPage.countDown();
        server.stop(0);
        client.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The seed's fetch_url, with HttpClient in place of aiohttp. */
    private Coroutine<String> fetchUrl(URI url) {
        return async(() -> {
            HttpRequest request = HttpRequest.newBuilder(url).build();
            HttpResponse<String> response = await(wrapFuture(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())));
            return response.body();
        });
    }

    @Test
    void pagesAreFetchedConcurrentlyAndAwaited() {
        List<String> pages = Asyncio.run(async(() -> await(gather(
                fetchUrl(uri("/page1")), fetchUrl(uri("/page2")), fetchUrl(uri("/page3"))))));
        assertEquals(3, pages.size());
        for (int i = 0; i < PAGES; i++) {
            assertEquals("<html><a href=x>/page" + (i + 1) + "</a><a href=y>y</a></html>", pages.get(i));
            assertEquals(2, pages.get(i).split("<a", -1).length - 1);
        }
    }

    @Test
    void aFailedRequestRaisesItsOwnExceptionAtTheAwait() throws IOException {
        int closedPort;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = probe.socket().getLocalPort();
        }
        assertThrows(ConnectException.class, () -> Asyncio.run(fetchUrl(URI.create("http://127.0.0.1:" + closedPort + "/"))));
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheRequest() {
        CompletableFuture<HttpResponse<Void>> request = client.sendAsync(
                HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.discarding());
        Asyncio.run(async(() -> {
            Task<HttpResponse<Void>> waiting = createTask(async(() -> await(wrapFuture(request))));
            await(sleep(0));
            waiting.cancel();
            assertThrows(CancelledError.class, () -> await(waiting));
        }));
        assertTrue(request.isCancelled());
    }

    @Test
    void aTaskCanBeHandedToJavaCodeAsACompletableFuture() throws Exception {
        String seen = Asyncio.run(async(() -> {
            Task<String> task = createTask(async(() -> {
                await(sleep(0.01));
                return "done";
            }));
            CompletableFuture<String> java = Bridges.toCompletableFuture(task);
            CompletableFuture<String> shouted = java.thenApplyAsync(s -> s.toUpperCase());  // on another thread
            return await(wrapFuture(shouted));
        }));
        assertEquals("DONE", seen);
    }
}

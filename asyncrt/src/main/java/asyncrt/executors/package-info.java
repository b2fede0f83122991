/**
 * Work outside the event loop, and Java's futures: {@link asyncrt.executors.Bridges} turns a
 * {@code CompletableFuture} (what {@code HttpClient.sendAsync} returns) into an awaitable future
 * and back (Python's {@code asyncio.wrap_future}), and
 * {@link asyncrt.executors.ProcessPoolExecutor} runs functions in other JVMs (Python's
 * {@code concurrent.futures.ProcessPoolExecutor}), for {@code loop.runInExecutor}.
 */
package asyncrt.executors;

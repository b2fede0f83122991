package asyncrt;

import asyncrt.combinators.AsCompleted;
import asyncrt.combinators.Gather;
import asyncrt.combinators.Shield;
import asyncrt.combinators.Sleep;
import asyncrt.combinators.TaskGroup;
import asyncrt.combinators.Timeout;
import asyncrt.combinators.Wait;
import asyncrt.combinators.WaitFor;
import asyncrt.contextvars.Context;
import asyncrt.coroutines.AsyncBody;
import asyncrt.coroutines.AsyncRunnable;
import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.executors.Bridges;
import asyncrt.streams.ClientConnectedCallback;
import asyncrt.streams.Server;
import asyncrt.streams.StreamPair;
import asyncrt.streams.StreamReader;
import asyncrt.streams.Streams;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@code asyncio} module in Java: every module-level function of asyncio under its Java
 * name, meant to be static-imported ({@code import static asyncrt.Asyncio.*}). Python's
 * {@code async def} becomes a method returning {@code async(() -> ...)}, and {@code await x}
 * becomes {@code await(x)}:
 *
 * <pre>{@code
 * Coroutine<String> fetch(String url) {
 *     return async(() -> {
 *         await(sleep(1));
 *         return "Content of " + url;
 *     });
 * }
 * Asyncio.run(fetch("file1.txt"));
 * }</pre>
 *
 * Times are seconds as {@code double}, with {@link Duration} overloads. One name needs care: in
 * JShell and inside classes, {@code wait(...)} means {@code Object.wait}, so write
 * {@code Asyncio.wait(...)}.
 */
public final class Asyncio {
    /** {@code gather(RETURN_EXCEPTIONS, ...)}: Python's {@code return_exceptions=True}. */
    public static final Gather.Option RETURN_EXCEPTIONS = Gather.Option.RETURN_EXCEPTIONS;
    public static final Wait.ReturnWhen FIRST_COMPLETED = Wait.ReturnWhen.FIRST_COMPLETED;
    public static final Wait.ReturnWhen FIRST_EXCEPTION = Wait.ReturnWhen.FIRST_EXCEPTION;
    public static final Wait.ReturnWhen ALL_COMPLETED = Wait.ReturnWhen.ALL_COMPLETED;

    private Asyncio() {}

    // ---- async and await ---------------------------------------------------------------------

    /** A coroutine running {@code body}: what an {@code async def} function returns. Runs nothing yet. */
    public static <T> Coroutine<T> async(AsyncBody<T> body) {
        return Coroutine.of(body);
    }

    /** A coroutine running {@code body} and returning null. Runs nothing yet. */
    public static Coroutine<Void> async(AsyncRunnable body) {
        return Coroutine.of(body);
    }

    /**
     * Python's {@code await}: runs a coroutine inline, or suspends the current coroutine until a
     * task or future is done; returns the result, or rethrows the exception — the same object.
     * Only valid inside a coroutine's body.
     */
    public static <T> T await(Awaitable<T> awaitable) {
        return Coroutine.await(awaitable);
    }

    // ---- running -----------------------------------------------------------------------------

    /** Runs {@code main} on a new event loop, closes the loop, and returns the result: {@code asyncio.run(main())}. */
    public static <T> T run(Coroutine<T> main) {
        return run(main, null);
    }

    /** {@code asyncio.run(main(), debug=True)}. */
    public static <T> T run(Coroutine<T> main, Boolean debug) {
        if (!Events.canRunLoopHere()) {
            main.close();
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop:"
                    + " inside a coroutine, await(...) the coroutine instead");
        }
        return Events.runNested("asyncio.run()", () -> {
            try (Runner runner = new Runner(debug)) {
                return runner.run(main);
            }
        });
    }

    public static EventLoop getRunningLoop() {
        return Events.getRunningLoop();
    }

    public static EventLoop getEventLoop() {
        return Events.getEventLoop();
    }

    public static EventLoop newEventLoop() {
        return Events.newEventLoop();
    }

    public static void setEventLoop(EventLoop loop) {
        Events.setEventLoop(loop);
    }

    // ---- tasks -------------------------------------------------------------------------------

    /** Schedules {@code coro} to run concurrently, as a task on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return Events.getRunningLoop().createTask(coro);
    }

    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return Events.getRunningLoop().createTask(coro, name);
    }

    /** A future for {@code awaitable}: itself if it is one, else a task running it. */
    public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
        return Events.getEventLoop().ensureFuture(awaitable);
    }

    public static Task<?> currentTask() {
        return Task.currentTask();
    }

    public static List<Task<?>> allTasks() {
        return Task.allTasks();
    }

    // ---- waiting -----------------------------------------------------------------------------

    /** Suspends the calling coroutine for {@code delay} seconds; {@code sleep(0)} yields to the loop once. */
    public static Coroutine<Void> sleep(double delay) {
        return Sleep.sleep(delay, null);
    }

    public static <T> Coroutine<T> sleep(double delay, T result) {
        return Sleep.sleep(delay, result);
    }

    public static Coroutine<Void> sleep(Duration delay) {
        return Sleep.sleep(seconds(delay), null);
    }

    /** Runs the awaitables concurrently; a future of their results in argument order. */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return Gather.gather(List.of(awaitables));
    }

    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.gather(awaitables);
    }

    /** {@code gather(*aws, return_exceptions=True)}: failures become entries of the result list. */
    public static Future<List<Object>> gather(Gather.Option returnExceptions, Awaitable<?>... awaitables) {
        return Gather.gatherReturningExceptions(List.of(awaitables));
    }

    public static Future<List<Object>> gather(Gather.Option returnExceptions, List<? extends Awaitable<?>> awaitables) {
        return Gather.gatherReturningExceptions(awaitables);
    }

    /** Awaits {@code awaitable} for at most {@code timeout} seconds, then cancels it and throws TimeoutError. */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
        return WaitFor.waitFor(awaitable, timeout);
    }

    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
        return WaitFor.waitFor(awaitable, seconds(timeout));
    }

    /**
     * Runs {@code body} with a deadline {@code delay} seconds from now and returns its result:
     * {@code async with asyncio.timeout(delay):}. At the deadline the body sees a CancelledError at
     * its await; the scope then throws {@link asyncrt.combinators.TimeoutError} (see {@link Timeout}).
     */
    public static <T> Coroutine<T> timeout(double delay, AsyncBody<T> body) {
        return Timeout.after(delay).run(body);
    }

    public static Coroutine<Void> timeout(double delay, AsyncRunnable body) {
        return Timeout.after(delay).run(body);
    }

    public static <T> Coroutine<T> timeout(Duration delay, AsyncBody<T> body) {
        return Timeout.after(seconds(delay)).run(body);
    }

    public static Coroutine<Void> timeout(Duration delay, AsyncRunnable body) {
        return Timeout.after(seconds(delay)).run(body);
    }

    /** {@code async with asyncio.timeout_at(when):} with {@code when} on the loop's clock (null: no deadline). */
    public static <T> Coroutine<T> timeoutAt(Double when, AsyncBody<T> body) {
        return Timeout.at(when).run(body);
    }

    public static Coroutine<Void> timeoutAt(Double when, AsyncRunnable body) {
        return Timeout.at(when).run(body);
    }

    /**
     * The timeout itself, not entered yet ({@code asyncio.timeout(delay)}), for a body that needs it:
     * {@code Timeout cm = timeout(1); await(cm.run(() -> ...)); cm.expired()}.
     */
    public static Timeout timeout(double delay) {
        return Timeout.after(delay);
    }

    public static Timeout timeout(Duration delay) {
        return Timeout.after(seconds(delay));
    }

    /** {@code asyncio.timeout_at(when)}, not entered yet; null for no deadline (Python's {@code timeout(None)}). */
    public static Timeout timeoutAt(Double when) {
        return Timeout.at(when);
    }

    /**
     * Runs {@code body} with a new task group and waits for the group's tasks:
     * {@code async with asyncio.TaskGroup() as tg:}. A task that fails cancels the others and the body;
     * the failures come out as one {@link asyncrt.combinators.ExceptionGroup} (see {@link TaskGroup}).
     */
    public static Coroutine<Void> taskGroup(TaskGroup.Body body) {
        return new TaskGroup().run(body);
    }

    /** Waits until all the futures are done: {@code asyncio.wait(fs)}. Write {@code Asyncio.wait} (see the class comment). */
    public static <T> Coroutine<Wait.DoneAndPending<T>> wait(Collection<? extends Future<T>> futures) {
        return Wait.wait(futures, null, ALL_COMPLETED);
    }

    /** {@code asyncio.wait(fs, timeout=..., return_when=...)}; {@code timeout} null for none. */
    public static <T> Coroutine<Wait.DoneAndPending<T>> wait(Collection<? extends Future<T>> futures, Double timeout, Wait.ReturnWhen returnWhen) {
        return Wait.wait(futures, timeout, returnWhen);
    }

    /** Protects {@code awaitable} from the cancellation of the task that awaits it. */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Shield.shield(awaitable);
    }

    /** Coroutines that return the results in the order they complete. */
    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables) {
        return AsCompleted.asCompleted(awaitables, null);
    }

    public static <T> List<Coroutine<T>> asCompleted(Collection<? extends Awaitable<T>> awaitables, Double timeout) {
        return AsCompleted.asCompleted(awaitables, timeout);
    }

    // ---- threads and Java futures ----------------------------------------------------------------

    /** Runs blocking {@code fn} on the loop's thread pool, in a copy of the current context: {@code asyncio.to_thread}. */
    public static <T> Coroutine<T> toThread(Callable<T> fn) {
        return Coroutine.of(() -> {
            Context context = Context.copyContext();
            return Coroutine.await(Events.getRunningLoop().runInExecutor(null, () -> context.run(fn)));
        });
    }

    /** {@code asyncio.to_thread(fn, arg)}. */
    public static <A, T> Coroutine<T> toThread(Function<A, T> fn, A arg) {
        return toThread(() -> fn.apply(arg));
    }

    /** {@code asyncio.to_thread(fn, a, b)}. */
    public static <A, B, T> Coroutine<T> toThread(BiFunction<A, B, T> fn, A a, B b) {
        return toThread(() -> fn.apply(a, b));
    }

    /** An awaitable future that completes as {@code stage} does (e.g. {@code HttpClient.sendAsync}): {@code asyncio.wrap_future}. */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return Bridges.wrapFuture(stage, Events.getEventLoop());
    }

    /**
     * Submits {@code coro} to {@code loop} from another thread: {@code asyncio.run_coroutine_threadsafe}.
     * The CompletableFuture (Python's {@code concurrent.futures.Future}) completes as the task does;
     * cancelling it cancels the task, and a cancelled task cancels it.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return Bridges.runCoroutineThreadsafe(coro, loop);
    }

    /** A snapshot of the current context: {@code contextvars.copy_context()}. */
    public static Context copyContext() {
        return Context.copyContext();
    }

    // ---- streams (asyncrt.streams) ---------------------------------------------------------------

    /**
     * Starts a TCP server on {@code host}:{@code port} (host null: all interfaces; port 0: any
     * free port) that runs {@code clientConnected(reader, writer)} for each connection:
     * {@code asyncio.start_server}. Write the handler as {@code this::handleClient}, or
     * {@code (reader, writer) -> handleClient(reader, writer)}.
     */
    public static Coroutine<Server> startServer(ClientConnectedCallback clientConnected, String host, int port) {
        return Streams.startServer(clientConnected, host, port, StreamReader.DEFAULT_LIMIT, Streams.DEFAULT_BACKLOG);
    }

    /** {@code asyncio.start_server(cb, host, port, limit=limit)}: each reader buffers up to {@code limit} bytes. */
    public static Coroutine<Server> startServer(ClientConnectedCallback clientConnected, String host, int port, int limit) {
        return Streams.startServer(clientConnected, host, port, limit, Streams.DEFAULT_BACKLOG);
    }

    /** Connects to {@code host}:{@code port} and returns the connection's reader and writer: {@code asyncio.open_connection}. */
    public static Coroutine<StreamPair> openConnection(String host, int port) {
        return Streams.openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** {@code asyncio.open_connection(host, port, limit=limit)}. */
    public static Coroutine<StreamPair> openConnection(String host, int port, int limit) {
        return Streams.openConnection(host, port, limit);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}

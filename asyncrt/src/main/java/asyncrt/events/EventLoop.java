package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.executors.Bridges;
import asyncrt.executors.ProcessPoolExecutor;
import asyncrt.executors.SerializableCallable;
import asyncrt.executors.SerializableFunction;
import asyncrt.sockets.SocketOperations;
import asyncrt.tasks.Future;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The event loop: Python's asyncio event loop, one per thread. {@link BaseEventLoop} runs it (the ready
 * queue, timers, tasks, executors, errors, debug mode); this class adds what a loop over a selector on this
 * operating system has, as CPython's {@code selector_events.BaseSelectorEventLoop} and {@code
 * unix_events._UnixSelectorEventLoop} add it to {@code base_events.BaseEventLoop}: the selector ({@link
 * IoWatcher}) each turn waits in, the channels it watches ({@link #addReader}, {@link #addWriter}), the
 * {@code sock*} coroutines, signal handlers, and process pools.
 *
 * <p>Everything but {@link #callSoonThreadsafe} must be called from the loop's own thread.
 */
public non-sealed class EventLoop extends BaseEventLoop {
    private final IoWatcher io = new IoWatcher();
    private final Map<Signal, Signals.Registration> signalHandlers = new EnumMap<>(Signal.class);

    /** A new loop, not running and not set as anyone's current loop; prefer {@link #newEventLoop()}. */
    public EventLoop() {
        this(null);
    }

    /**
     * A new loop whose time is {@code clock}'s: when idle it jumps the clock to its next timer instead of
     * sleeping (see {@link VirtualClock}); null for the system clock.
     */
    public EventLoop(VirtualClock clock) {
        super(clock);
        // Here rather than in the base: listeners get a loop whose selector is made.
        LoopRegistry.opened(this);
    }

    // ---- which loop: see Events --------------------------------------------------------------

    /** {@link Events#newEventLoop()}. */
    public static EventLoop newEventLoop() {
        return Events.newEventLoop();
    }

    /** {@link Events#getRunningLoop()}. */
    public static EventLoop getRunningLoop() {
        return Events.getRunningLoop();
    }

    /** {@link Events#getEventLoop()}. */
    public static EventLoop getEventLoop() {
        return Events.getEventLoop();
    }

    /** {@link Events#setEventLoop(EventLoop)}. */
    public static void setEventLoop(EventLoop loop) {
        Events.setEventLoop(loop);
    }

    // ---- the selector ------------------------------------------------------------------------------------

    /** {@link BaseEventLoop#close()}, then removes this loop's signal handlers and closes its selector. */
    @Override
    public void close() {
        boolean open = !isClosed();
        super.close();
        if (open) {
            signalHandlers.values().forEach(Signals.Registration::remove);
            signalHandlers.clear();
            io.close();
        }
    }

    @Override
    final void wakeup() {
        io.wakeup();
    }

    @Override
    final void waitForIo(long timeoutMs, Collection<? super Handle> ready) {
        if (timeoutMs == 0 && io.isEmpty()) {
            return;
        }
        double timeout = timeoutMs < 0 ? Double.POSITIVE_INFINITY : timeoutMs / 1000.0;
        Instruments instruments = instruments();
        instruments.beforeIoWait(timeout);
        try {
            io.select(timeoutMs, ready);
        } finally {
            instruments.afterIoWait(timeout);
        }
        if (Thread.interrupted()) {
            throw new KeyboardInterrupt("the event loop's thread was interrupted while waiting");
        }
    }

    // ---- signals ---------------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on this loop's thread whenever {@code signal} arrives (replacing any
     * handler this loop had for it). In the Jupyter kernel, the Stop button delivers SIGINT.
     */
    public void addSignalHandler(Signal signal, Runnable callback) {
        checkOpen();
        Context context = Context.copyContext();
        Signals.Registration registration = Signals.install(signal, () -> {
            try {
                callSoonThreadsafe(callback, context);
            } catch (IllegalStateException loopClosed) {
                // the loop closed as the signal came in: nothing left to run it
            }
        });
        Signals.Registration previous = signalHandlers.put(signal, registration);
        if (previous != null) {
            previous.remove();
        }
    }

    /** Removes this loop's handler for {@code signal}; returns whether there was one. */
    public boolean removeSignalHandler(Signal signal) {
        Signals.Registration registration = signalHandlers.remove(signal);
        if (registration == null) {
            return false;
        }
        registration.remove();
        return true;
    }

    // ---- I/O readiness -----------------------------------------------------------------------------

    /** Calls {@code callback} whenever {@code channel} is readable (or, for a server socket, has a connection to accept). */
    public void addReader(SelectableChannel channel, Runnable callback) {
        io.setReader(channel, newIoHandle(callback));
    }

    /** Stops watching {@code channel} for reading; returns whether it was watched. */
    public boolean removeReader(SelectableChannel channel) {
        return io.removeReader(channel);
    }

    /** Calls {@code callback} whenever {@code channel} is writable (or its connection attempt has finished). */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        io.setWriter(channel, newIoHandle(callback));
    }

    /** Stops watching {@code channel} for writing; returns whether it was watched. */
    public boolean removeWriter(SelectableChannel channel) {
        return io.removeWriter(channel);
    }

    /** The channels being watched, with their interest (for introspection). */
    public Map<SelectableChannel, String> ioRegistrations() {
        return isClosed() ? new LinkedHashMap<>() : io.registrations();
    }

    private Handle newIoHandle(Runnable callback) {
        checkOpen();
        return new Handle(callback, Context.copyContext(), this);
    }

    // ---- low-level socket operations (asyncrt.sockets) -------------------------------------------------

    /** Accepts a connection on a non-blocking server channel, waiting for one (Python's {@code loop.sock_accept}). */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel server) {
        return SocketOperations.accept(this, server);
    }

    /** Connects a non-blocking channel to {@code address} (Python's {@code loop.sock_connect}). */
    public Coroutine<Void> sockConnect(SocketChannel sock, SocketAddress address) {
        return SocketOperations.connect(this, sock, address);
    }

    /** Receives up to {@code nbytes} bytes, waiting for some; empty at EOF (Python's {@code loop.sock_recv}). */
    public Coroutine<byte[]> sockRecv(SocketChannel sock, int nbytes) {
        return SocketOperations.recv(this, sock, nbytes);
    }

    /** Receives into {@code buffer}; the byte count, 0 at EOF (Python's {@code loop.sock_recv_into}). */
    public Coroutine<Integer> sockRecvInto(SocketChannel sock, ByteBuffer buffer) {
        return SocketOperations.recvInto(this, sock, buffer);
    }

    /**
     * Stops watching {@code channel} for good, ahead of closing it: the selector lets go of it on
     * its next turn, and a channel closed after that closes its socket at once. Transports call it
     * when they close, then close the channel on a later turn.
     *
     * @implNote NIO defers closing a channel that is still registered with a selector, half-closing
     * it meanwhile: two system calls more, and the descriptor lives a turn longer.
     */
    public void unregister(SelectableChannel channel) {
        io.unregister(channel);
    }

    /**
     * {@link #unregister}, with the selector letting go of {@code channel} before this returns, so that
     * closing the channel right after closes its socket at once: a listening socket closed this way
     * refuses the very next connection attempt, as CPython's {@code Server.close()} does.
     */
    public void unregisterNow(SelectableChannel channel) {
        io.unregisterNow(channel);
    }

    /** Sends all of {@code data}, waiting while the socket is not writable (Python's {@code loop.sock_sendall}). */
    public Coroutine<Void> sockSendall(SocketChannel sock, byte[] data) {
        return SocketOperations.sendall(this, sock, ByteBuffer.wrap(data));
    }

    // ---- process pools (asyncrt.executors) -------------------------------------------------------------

    /**
     * {@code runInExecutor(executor, fn, arg)}: Python's {@code loop.run_in_executor(executor, fn, arg)}.
     *
     * @implNote Here beside the overloads below, so that the call it makes picks the one for a process pool,
     * which refuses {@code fn} with a hint rather than failing to send it.
     */
    public <A, T> Future<T> runInExecutor(Executor executor, Function<A, T> fn, A arg) {
        return runInExecutor(executor, () -> fn.apply(arg));
    }

    /**
     * {@link #runInExecutor(Executor, Callable)} for a function that can also run in another JVM:
     * a lambda passed here is serializable, so a {@link ProcessPoolExecutor}
     * can ship it to a worker process; any other executor just runs it.
     */
    public <T> Future<T> runInExecutor(Executor executor, SerializableCallable<T> fn) {
        if (executor instanceof ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn), this);
        }
        return runInExecutor(executor, (Callable<T>) fn);
    }

    /** {@code loop.run_in_executor(pool, fn, arg)} where {@code pool} may be a process pool; see the method above. */
    public <A, T> Future<T> runInExecutor(Executor executor, SerializableFunction<A, T> fn, A arg) {
        if (executor instanceof ProcessPoolExecutor pool) {
            checkOpen();
            return Bridges.wrapFuture(pool.submit(fn, arg), this);
        }
        return runInExecutor(executor, (Function<A, T>) fn, arg);
    }
}

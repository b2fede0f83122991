package asyncrt.streams;

import asyncrt.combinators.Sleep;
import asyncrt.coroutines.Coroutine;
import asyncrt.internal.AwaitTraces;
import asyncrt.internal.Throwables;

/**
 * The sending side of a connection: Python's {@code asyncio.StreamWriter}. {@link #write} never
 * waits — it hands the bytes to the transport, which sends what it can and buffers the rest — so
 * follow your writes with {@code await(writer.drain())}: it waits while the buffer is above its
 * high-water mark, which keeps a fast writer from piling up memory in front of a slow reader.
 *
 * <pre>{@code
 * writer.write("hello\n".getBytes());
 * await(writer.drain());
 * writer.close();
 * await(writer.waitClosed());
 * }</pre>
 */
public final class StreamWriter {
    private final SocketTransport transport;
    private final StreamReader reader;

    StreamWriter(SocketTransport transport, StreamReader reader) {
        this.transport = transport;
        this.reader = reader;
    }

    /** The transport underneath, for its lower-level controls ({@code setWriteBufferLimits}, {@code getWriteBufferSize}, {@code abort}). */
    public SocketTransport transport() {
        return transport;
    }

    /** Sends {@code data} (or buffers it): does not wait, see {@link #drain()}. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Writes each of {@code chunks} in turn. */
    public void writelines(Iterable<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            transport.write(chunk);
        }
    }

    /** Closes the sending side after the buffered bytes (TCP half-close): the peer reads EOF but can still answer. */
    public void writeEof() {
        transport.writeEof();
    }

    /** Whether {@link #writeEof()} is supported: always, for TCP. */
    public boolean canWriteEof() {
        return true;
    }

    /** Starts closing the connection; {@link #waitClosed()} waits until it is closed. */
    public void close() {
        transport.close();
    }

    /** Whether the connection is closed or being closed. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Waits until the connection is closed; rethrows the error that broke it, if one did. */
    public Coroutine<Void> waitClosed() {
        return Coroutine.of(() -> {
            Coroutine.await(transport.closedFuture());
        });
    }

    /**
     * Waits until it is appropriate to write again: while the transport's buffer is above its
     * high-water mark, until it is down to the low-water mark. Throws the error the connection
     * failed with, or {@link asyncrt.sockets.ConnectionResetError} once it is closed.
     */
    public Coroutine<Void> drain() {
        return Coroutine.of(() -> {
            Throwable failed = reader != null ? reader.exception() : null;
            if (failed != null) {
                AwaitTraces.extend(failed, StreamWriter.class);
                throw Throwables.rethrow(failed);
            }
            if (transport.isClosing()) {
                // Let the loop run the transport's connection-lost callback, so that drain() after
                // write() in a loop notices a closed connection.
                Coroutine.await(Sleep.sleep(0, null));
            }
            transport.flowControl().awaitResumed();
        });
    }

    /** {@code "peername"}, {@code "sockname"} or {@code "socket"}: see {@link SocketTransport#getExtraInfo}. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /** Like {@link #getExtraInfo(String)}, with {@code defaultValue} for a name that has no value. */
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value = transport.getExtraInfo(name);
        return value != null ? value : defaultValue;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}

package asyncrt.streams;

import asyncrt.coroutines.Coroutine;
import asyncrt.internal.AwaitTraces;
import asyncrt.internal.LoopBinding;
import asyncrt.internal.Throwables;
import asyncrt.tasks.Future;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The receiving side of a connection: Python's {@code asyncio.StreamReader}. Bytes arrive from
 * the connection's transport ({@link #feedData}) into a buffer; the coroutines below hand them
 * out, waiting while there are not enough. {@code startServer} and {@code openConnection} make
 * readers; you can also make one by hand and feed it, to try it out.
 *
 * <p>The limit (64 KiB unless given) bounds the buffer: past twice the limit the transport stops
 * reading from the socket until the buffer is drained, and {@link #readuntil} refuses to look
 * further than the limit for its separator.
 */
public final class StreamReader {
    /** Python's {@code streams._DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 1 << 16;
    private static final byte[] NEWLINE = {'\n'};

    private final LoopBinding binding = new LoopBinding(this);
    private final int limit;
    private final ReadBuffer buffer = new ReadBuffer();
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private SocketTransport transport;
    private boolean paused;

    /** A reader with the default limit of 64 KiB. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader with the given buffer limit in bytes. */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0, got " + limit);
        }
        this.limit = limit;
    }

    void setTransport(SocketTransport transport) {
        this.transport = transport;
    }

    /** The reader's buffer limit in bytes. */
    public int limit() {
        return limit;
    }

    /** The exception the connection failed with (the next read throws it), or null. */
    public Throwable exception() {
        return exception;
    }

    /** Makes the pending and future reads throw {@code exc}. */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = takeWaiter();
        if (w != null) {
            w.setException(exc);
        }
    }

    /** Marks the end of the stream: once the buffer is drained, reads return what is left, then nothing. */
    public void feedEof() {
        eof = true;
        wakeUpWaiter();
    }

    /** Whether the stream has ended and the buffer is empty (Python's {@code at_eof()}). */
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    /** Adds bytes to the buffer, as the transport does when they arrive. */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (!data.hasRemaining()) {
            return;
        }
        buffer.append(data);
        wakeUpWaiter();
        if (transport != null && !paused && buffer.size() > 2 * limit) {
            transport.pauseReading();
            paused = true;
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Reads everything up to the end of the stream (Python's {@code read()} / {@code read(-1)}). */
    public Coroutine<byte[]> read() {
        return read(-1);
    }

    /**
     * Reads at most {@code n} bytes, waiting until at least one is there; an empty array means
     * the end of the stream. With {@code n < 0}, reads everything up to the end of the stream.
     */
    public Coroutine<byte[]> read(int n) {
        return Coroutine.of(() -> {
            throwIfFailed();
            if (n == 0) {
                return new byte[0];
            }
            if (n < 0) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] block;
                while ((block = Coroutine.await(read(limit))).length > 0) {
                    all.writeBytes(block);
                }
                return all.toByteArray();
            }
            if (buffer.isEmpty() && !eof) {
                waitForData("read");
            }
            byte[] data = buffer.take(n);
            maybeResumeTransport();
            return data;
        });
    }

    /**
     * Reads one line, up to and including {@code \n}; at the end of the stream, the partial line
     * (or an empty array). A line longer than the limit throws {@link IllegalArgumentException}
     * (Python's ValueError), and is dropped from the buffer.
     */
    public Coroutine<byte[]> readline() {
        return Coroutine.of(() -> {
            try {
                return Coroutine.await(readuntil(NEWLINE));
            } catch (IncompleteReadError e) {
                return e.partial();
            } catch (LimitOverrunError e) {
                if (buffer.startsWith(NEWLINE, e.consumed())) {
                    buffer.skip(e.consumed() + NEWLINE.length);
                } else {
                    buffer.clear();
                }
                maybeResumeTransport();
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** {@code readuntil(b"\n")}. */
    public Coroutine<byte[]> readuntil() {
        return readuntil(NEWLINE);
    }

    /**
     * Reads up to and including {@code separator}. At the end of the stream without it, throws
     * {@link IncompleteReadError} with the bytes read; if it is not within the limit, throws
     * {@link LimitOverrunError} and leaves the bytes in the buffer.
     */
    public Coroutine<byte[]> readuntil(byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        return Coroutine.of(() -> {
            throwIfFailed();
            int offset = 0;
            int found;
            while (true) {
                int size = buffer.size();
                if (size - offset >= separator.length) {
                    found = buffer.indexOf(separator, offset);
                    if (found != -1) {
                        break;
                    }
                    offset = size + 1 - separator.length;
                    if (offset > limit) {
                        throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                    }
                }
                if (eof) {
                    byte[] chunk = buffer.take(buffer.size());
                    throw new IncompleteReadError(chunk, null);
                }
                waitForData("readuntil");
            }
            if (found > limit) {
                throw new LimitOverrunError("Separator is found, but chunk is longer than limit", found);
            }
            byte[] chunk = buffer.take(found + separator.length);
            maybeResumeTransport();
            return chunk;
        });
    }

    /** Reads exactly {@code n} bytes; if the stream ends first, throws {@link IncompleteReadError} with those that came. */
    public Coroutine<byte[]> readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        return Coroutine.of(() -> {
            throwIfFailed();
            while (buffer.size() < n) {
                if (eof) {
                    throw new IncompleteReadError(buffer.take(buffer.size()), n);
                }
                waitForData("readexactly");
            }
            byte[] data = buffer.take(n);
            maybeResumeTransport();
            return data;
        });
    }

    // ---- waiting --------------------------------------------------------------------------------

    private void throwIfFailed() {
        if (exception != null) {
            AwaitTraces.extend(exception, StreamReader.class);
            throw Throwables.rethrow(exception);
        }
    }

    private void waitForData(String functionName) {
        if (waiter != null) {
            throw new IllegalStateException(functionName + "() called while another coroutine is already waiting for"
                    + " incoming data: only one task may read from a stream at a time");
        }
        if (paused) {
            // Waiting while the transport is paused would wait forever (readexactly(n) with n > limit).
            paused = false;
            transport.resumeReading();
        } else if (transport != null) {
            transport.readerWaiting();
        }
        waiter = binding.loop().createFuture();
        try {
            Coroutine.await(waiter, transport != null ? transport : this);
        } finally {
            waiter = null;
        }
    }

    private void wakeUpWaiter() {
        Future<Void> w = takeWaiter();
        if (w != null) {
            w.setResult(null);
        }
    }

    /** The future a read waits on, now no longer waited on here; null if none, or if it was cancelled. */
    private Future<Void> takeWaiter() {
        Future<Void> w = waiter;
        waiter = null;
        return w != null && !w.cancelled() ? w : null;
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<StreamReader");
        if (!buffer.isEmpty()) {
            s.append(' ').append(buffer.size()).append(" bytes");
        }
        if (eof) {
            s.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(" limit=").append(limit);
        }
        if (waiter != null) {
            s.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            s.append(" exception=").append(asyncrt.internal.Repr.of(exception));
        }
        if (transport != null) {
            s.append(" transport=").append(transport);
        }
        if (paused) {
            s.append(" paused");
        }
        return s.append('>').toString();
    }
}

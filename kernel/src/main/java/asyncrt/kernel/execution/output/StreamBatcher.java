package asyncrt.kernel.execution.output;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what cells write to standard output and error, from any thread, and hands it on in order as few,
 * large pieces: a flusher thread sends whatever has gathered every few milliseconds, and a writer that gets
 * far ahead of the front end waits, so that a flood of lines is neither lost nor held in memory whole.
 */
public final class StreamBatcher implements AutoCloseable {

    /** Receives the batched text of one stream. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param owner whose output it is (the cell that made the code that wrote it), or null for the cell running now
         * @param name  {@code stdout} or {@code stderr}
         */
        void stream(Object owner, String name, String text);
    }

    static final int MAX_PENDING_BYTES = 1 << 18;
    private static final long FLUSH_INTERVAL_MILLIS = 20;

    private final Sink sink;
    private final Object flushLock = new Object();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final Map<String, byte[]> partial = new HashMap<>(); // guarded by flushLock
    private final Thread flusher;
    private List<Segment> pending = new ArrayList<>();
    private int pendingBytes;
    private boolean closed;

    /** Starts the flusher thread. */
    public StreamBatcher(Sink sink) {
        this.sink = sink;
        flusher = Thread.ofPlatform().daemon().name("output-flusher").start(this::flushLoop);
    }

    /** Appends bytes (UTF-8) written to a stream by the running cell; waits while too much is waiting to be sent. */
    void write(String name, byte[] bytes, int offset, int length) {
        write(null, name, bytes, offset, length);
    }

    /** Appends bytes (UTF-8) written to a stream by {@code owner}'s code; waits while too much is waiting to be sent. */
    void write(Object owner, String name, byte[] bytes, int offset, int length) {
        synchronized (this) {
            while (pendingBytes >= MAX_PENDING_BYTES && !closed && Thread.currentThread() != flusher) {
                notifyAll();
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Segment last = pending.isEmpty() ? null : pending.getLast();
            if (last == null || !last.name.equals(name) || last.owner != owner) {
                last = new Segment(owner, name);
                pending.add(last);
            }
            last.append(bytes, offset, length);
            pendingBytes += length;
        }
    }

    /** Sends everything written so far, in order; returns once it is handed to the sink. */
    public void flush() {
        synchronized (flushLock) {
            List<Segment> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
                pendingBytes = 0;
                notifyAll();
            }
            for (Segment segment : batch) {
                String text = decode(segment);
                if (!text.isEmpty()) {
                    sink.stream(segment.owner, segment.name, text);
                }
            }
        }
    }

    private String decode(Segment segment) {
        byte[] head = partial.remove(segment.name);
        ByteBuffer in = ByteBuffer.allocate((head == null ? 0 : head.length) + segment.length);
        if (head != null) {
            in.put(head);
        }
        in.put(segment.bytes, 0, segment.length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false); // an unfinished character stays in 'in' until its next bytes come
        if (in.hasRemaining()) {
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            partial.put(segment.name, rest);
        }
        return out.flip().toString();
    }

    private void flushLoop() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    wait(FLUSH_INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            flush();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        flush();
    }

    /** Consecutive bytes written to one stream by one owner's code. */
    private static final class Segment {
        final Object owner;
        final String name;
        byte[] bytes = new byte[256];
        int length;

        Segment(Object owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        void append(byte[] data, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(data, offset, bytes, length, count);
            length += count;
        }
    }
}

package asyncrt.streams;

import asyncrt.events.EventLoop;
import asyncrt.sockets.SocketErrors;
import asyncrt.tasks.Future;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Moves the bytes of one TCP connection between its socket and its streams, driven by the
 * loop's selector: Python's {@code _SelectorSocketTransport} (with the parts of
 * {@code StreamReaderProtocol} that join it to a {@link StreamReader}).
 *
 * <ul>
 * <li>Reading: while reading is not paused, the loop calls {@link #readReady()} when the socket
 *     is readable; the bytes go to the reader, end of stream becomes {@code feedEof()}. The reader
 *     pauses reading when its buffer is full.</li>
 * <li>Writing: {@link #write} sends at once what the socket takes and buffers the rest, which
 *     {@link #writeReady()} sends when the socket is writable again. Past the high-water mark the
 *     writer's {@link FlowControl} pauses, and {@code drain()} waits.</li>
 * <li>Closing: {@link #close()} stops reading, lets the buffer drain, then closes the socket on a
 *     later turn and completes the closed future that {@code waitClosed()} awaits.</li>
 * </ul>
 *
 * <p>Unlike asyncio's, the transport of an accepted connection reads the bytes already waiting at
 * once, and starts watching the socket only when its reader has to wait for more.
 *
 * @implNote An accepted connection's first bytes are usually there already; a server that reads one
 * request, answers and closes then never registers the socket with the selector, two system calls
 * fewer per connection.
 */
public final class SocketTransport {
    /** Python's {@code max_size}: the most one read takes from the socket. */
    private static final int MAX_READ = 256 * 1024;
    /** One read buffer per loop thread, reused for every read: the bytes are copied to the reader at once. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_READ));
    private static final int DEFAULT_HIGH_WATER = 64 * 1024;
    /** After this many writes to a lost connection, one warning (Python's LOG_THRESHOLD_FOR_CONNLOST_WRITES). */
    private static final int WARN_AFTER_WRITES_TO_LOST_CONNECTION = 5;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final StreamReader reader;
    private final FlowControl flowControl;
    private final Future<Void> closed;
    private final Server server;
    private final SocketAddress peername;
    private final SocketAddress sockname;
    private final Runnable readReady = this::readReady;
    private final Runnable writeReady = this::writeReady;
    /** Sized for one chunk: most connections never buffer, and those that do grow it. */
    private final ArrayDeque<ByteBuffer> writeBuffer = new ArrayDeque<>(1);
    private long bufferedBytes;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean reading = true;
    /** Whether the loop watches the socket for reading (while reading, once needed). */
    private boolean watching;
    private boolean closing;
    private boolean eofWritten;
    private int connLost;

    /** Starts moving bytes between {@code channel} (connected, non-blocking) and {@code reader}; {@code server} is null for a client. */
    SocketTransport(EventLoop loop, SocketChannel channel, StreamReader reader, Server server) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        this.server = server;
        this.flowControl = new FlowControl(loop);
        this.closed = loop.createFuture();
        this.peername = address(channel, true);
        this.sockname = address(channel, false);
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);  // as asyncio and uvloop do
        } catch (IOException | UnsupportedOperationException e) {
            // not TCP, or already closed: nothing to tune
        }
        reader.setTransport(this);
        if (server == null || !readNow()) {
            startWatching();
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    private void readReady() {
        if (connLost == 0) {
            readNow();
        }
    }

    /** Reads what the socket has; false when it had nothing yet. */
    private boolean readNow() {
        ByteBuffer buffer = READ_BUFFER.get().clear();
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return true;
        }
        if (n < 0) {
            // The peer will send no more. Keep the connection open for writing (half-close), as
            // StreamReaderProtocol.eof_received() asks; the reader sees the end of the stream.
            stopWatching();
            reader.feedEof();
        } else if (n > 0) {
            reader.feedData(buffer.flip());
        }
        return n != 0;
    }

    private void startWatching() {
        watching = true;
        loop.addReader(channel, readReady);
    }

    private void stopWatching() {
        if (watching) {
            watching = false;
            loop.removeReader(channel);
        }
    }

    /** The reader is about to wait for data: make sure the socket is watched (see the class comment). */
    void readerWaiting() {
        if (reading && !watching && !closing) {
            startWatching();
        }
    }

    /** Stops reading from the socket until {@link #resumeReading()} (the reader's buffer is full). */
    public void pauseReading() {
        if (closing || !reading) {
            return;
        }
        reading = false;
        stopWatching();
    }

    public void resumeReading() {
        if (closing || reading) {
            return;
        }
        reading = true;
        startWatching();
    }

    public boolean isReading() {
        return reading && !closing;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Sends {@code data}, or as much as the socket takes now, buffering the rest; never waits. */
    public void write(byte[] data) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (data.length == 0) {
            return;
        }
        if (connLost > 0) {
            if (++connLost == WARN_AFTER_WRITES_TO_LOST_CONNECTION + 1) {
                System.err.println("socket.send() raised exception: writing to a connection that was lost");
            }
            return;
        }
        int sent = 0;
        if (writeBuffer.isEmpty()) {
            try {
                sent = channel.write(ByteBuffer.wrap(data));
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (sent == data.length) {
                return;
            }
            loop.addWriter(channel, writeReady);
        }
        // The caller may reuse its array: buffer a copy.
        writeBuffer.add(ByteBuffer.wrap(Arrays.copyOfRange(data, sent, data.length)));
        bufferedBytes += data.length - sent;
        maybePauseWriting();
    }

    private void writeReady() {
        if (connLost > 0) {
            return;
        }
        try {
            long written = channel.write(writeBuffer.toArray(ByteBuffer[]::new));
            bufferedBytes -= written;
        } catch (IOException e) {
            loop.removeWriter(channel);
            writeBuffer.clear();
            bufferedBytes = 0;
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        while (!writeBuffer.isEmpty() && !writeBuffer.peek().hasRemaining()) {
            writeBuffer.poll();
        }
        maybeResumeWriting();
        if (writeBuffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                loseConnection(null);
            } else if (eofWritten) {
                shutdownOutput();
            }
        }
    }

    /** Closes the sending side once the buffer is sent (TCP half-close); the peer reads EOF, and can still answer. */
    public void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        if (writeBuffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error shutting down the write side of the socket");
        }
    }

    /** Bytes written but not yet taken by the socket. */
    public long getWriteBufferSize() {
        return bufferedBytes;
    }

    /**
     * Sets the write buffer's high- and low-water marks (Python's {@code set_write_buffer_limits}):
     * {@code drain()} waits from above {@code high} until the buffer is back to {@code low}. A
     * null {@code high} means 64 KiB; a null {@code low}, a quarter of {@code high}.
     */
    public void setWriteBufferLimits(Integer high, Integer low) {
        int h = high != null ? high : low != null ? 4 * low : DEFAULT_HIGH_WATER;
        int l = low != null ? low : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        highWater = h;
        lowWater = l;
        maybePauseWriting();
    }

    /** The low- and high-water marks, as {@code [low, high]}. */
    public int[] getWriteBufferLimits() {
        return new int[] {lowWater, highWater};
    }

    private void maybePauseWriting() {
        if (bufferedBytes > highWater && !flowControl.paused()) {
            flowControl.pauseWriting();
        }
    }

    private void maybeResumeWriting() {
        if (flowControl.paused() && bufferedBytes <= lowWater) {
            flowControl.resumeWriting();
        }
    }

    FlowControl flowControl() {
        return flowControl;
    }

    // ---- closing ------------------------------------------------------------------------------

    public boolean isClosing() {
        return closing;
    }

    /** Closes the connection: no more reading; what is buffered is still sent, then the socket closes. */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        stopWatching();
        if (writeBuffer.isEmpty()) {
            loseConnection(null);
        }
    }

    /** Closes the connection at once, dropping whatever is buffered. */
    public void abort() {
        forceClose(null);
    }

    /** Completes when the socket is closed, with the error that broke it, if one did. */
    Future<Void> closedFuture() {
        return closed;
    }

    private void fatalError(IOException e, String message) {
        // Socket errors are part of life (the peer went away): no report, as asyncio only logs them in debug mode.
        if (loop.getDebug()) {
            System.err.println(this + ": " + message + ": " + e);
        }
        forceClose(SocketErrors.translate(e, message));
    }

    private void forceClose(RuntimeException exc) {
        if (connLost > 0) {
            return;
        }
        writeBuffer.clear();
        bufferedBytes = 0;
        closing = true;
        watching = false;
        loseConnection(exc);
    }

    /** Ends the connection: {@link #connectionLost} runs on the next turn, as asyncio's {@code _call_connection_lost} does. */
    private void loseConnection(RuntimeException exc) {
        connLost++;
        loop.unregister(channel);
        loop.callSoon(() -> connectionLost(exc));
    }

    /** The end, a turn after {@link EventLoop#unregister}: tell the streams, close the socket, let the server count one connection fewer. */
    private void connectionLost(RuntimeException exc) {
        try {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
            // Done already if a task cancelled while awaiting waitClosed() cancelled it.
            if (!closed.done()) {
                if (exc == null) {
                    closed.setResult(null);
                } else {
                    closed.setException(exc);
                    closed.exception();  // seen here: waitClosed() may rethrow it, but nobody must
                }
            }
            flowControl.connectionLost(exc);
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
            if (server != null) {
                server.detach();
            }
        }
    }

    // ---- about the connection -------------------------------------------------------------------

    /**
     * Information about the connection (Python's {@code get_extra_info}): {@code "peername"} and
     * {@code "sockname"} (the remote and local {@code InetSocketAddress}, as they were when the
     * transport was made, so still known once it is closed, as in asyncio), {@code "socket"} (the
     * {@code SocketChannel}); null for anything else.
     */
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "peername" -> peername;
            case "sockname" -> sockname;
            case "socket" -> channel;
            default -> null;
        };
    }

    private static SocketAddress address(SocketChannel channel, boolean remote) {
        try {
            return remote ? channel.getRemoteAddress() : channel.getLocalAddress();
        } catch (IOException e) {
            return null;  // closed already: unknown, as asyncio leaves it
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SocketTransport");
        if (connLost > 0 && !channel.isOpen()) {
            s.append(" closed");
        } else if (closing) {
            s.append(" closing");
        }
        if (peername != null) {
            s.append(" peer=").append(SocketErrors.describe(peername));
        }
        if (!reading) {
            s.append(" read=paused");
        }
        if (bufferedBytes > 0) {
            s.append(" write=<buffered ").append(bufferedBytes).append(" bytes>");
        }
        return s.append('>').toString();
    }
}

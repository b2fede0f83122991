package asyncrt.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The I/O half of an event loop: the selector it waits in, and for each watched channel the callback
 * to run when it can be read and the one to run when it can be written. CPython keeps this in
 * {@code selector_events.py} ({@code _add_reader}, {@code _process_events}) around a
 * {@code selectors.DefaultSelector}. Only the loop's thread uses it, except {@link #wakeup()}.
 */
final class IoWatcher implements AutoCloseable {
    private final Selector selector;

    /** The callbacks of one channel: null where that direction is not watched. */
    private static final class Watch {
        Handle reader;
        Handle writer;
    }

    IoWatcher() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event loop's selector", e);
        }
    }

    /** Runs {@code reader} whenever {@code channel} is readable (a server socket: has a connection to accept). */
    void setReader(SelectableChannel channel, Handle reader) {
        watch(channel).reader = reader;
        updateInterest(channel);
    }

    /** Runs {@code writer} whenever {@code channel} is writable (or its connection attempt has finished). */
    void setWriter(SelectableChannel channel, Handle writer) {
        watch(channel).writer = writer;
        updateInterest(channel);
    }

    /** Stops watching {@code channel} for reading; whether it was watched. */
    boolean removeReader(SelectableChannel channel) {
        Watch watch = watching(channel);
        if (watch == null || watch.reader == null) {
            return false;
        }
        watch.reader.cancel();
        watch.reader = null;
        updateInterest(channel);
        return true;
    }

    /** Stops watching {@code channel} for writing; whether it was watched. */
    boolean removeWriter(SelectableChannel channel) {
        Watch watch = watching(channel);
        if (watch == null || watch.writer == null) {
            return false;
        }
        watch.writer.cancel();
        watch.writer = null;
        updateInterest(channel);
        return true;
    }

    /** Stops watching {@code channel} in both directions and lets the selector go of it. */
    void unregister(SelectableChannel channel) {
        removeReader(channel);
        removeWriter(channel);
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    /**
     * {@link #unregister}, and the selector lets go of the channel now rather than on its next select, so
     * that closing the channel next closes its socket at once. Keys this poll finds ready stay selected
     * for the next {@link #select}.
     */
    void unregisterNow(SelectableChannel channel) {
        unregister(channel);
        try {
            selector.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        }
    }

    /** The watched channels with their interest: "read", "write" or "read+write". */
    Map<SelectableChannel, String> registrations() {
        Map<SelectableChannel, String> registrations = new LinkedHashMap<>();
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Watch watch && (watch.reader != null || watch.writer != null)) {
                registrations.put(key.channel(), (watch.reader != null ? "read" : "")
                        + (watch.writer != null ? (watch.reader != null ? "+write" : "write") : ""));
            }
        }
        return registrations;
    }

    /** Whether no channel is registered (then a wait of zero need not ask the selector at all). */
    boolean isEmpty() {
        return selector.keys().isEmpty();
    }

    /**
     * Waits up to {@code timeoutMs} (0: only polls; negative: until a channel is ready or {@link #wakeup()})
     * and adds the callbacks of the channels found ready to {@code ready}.
     */
    void select(long timeoutMs, Collection<? super Handle> ready) {
        try {
            if (timeoutMs == 0) {
                selector.selectNow();
            } else {
                selector.select(timeoutMs < 0 ? 0 : timeoutMs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        }
        var selected = selector.selectedKeys();
        for (SelectionKey key : selected) {
            Watch watch = (Watch) key.attachment();
            int readyOps = key.isValid() ? key.readyOps() : 0;
            if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && watch.reader != null) {
                ready.add(watch.reader);
            }
            if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && watch.writer != null) {
                ready.add(watch.writer);
            }
        }
        selected.clear();
    }

    /** Makes a {@link #select} in progress, or the next one, return at once; any thread may call it. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Watch watching(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key == null || !key.isValid() ? null : (Watch) key.attachment();
    }

    private Watch watch(SelectableChannel channel) {
        Watch watch = watching(channel);
        if (watch != null) {
            return watch;
        }
        try {
            channel.configureBlocking(false);
            return (Watch) channel.register(selector, 0, new Watch()).attachment();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + channel + ": " + e.getMessage(), e);
        }
    }

    private void updateInterest(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            return;
        }
        Watch watch = (Watch) key.attachment();
        // With no watch left the key stays registered with no interest (the selector then stops
        // polling the fd): cancelling it would make a re-add before the next select fail with
        // CancelledKeyException. Closing the channel cancels its key.
        int ops = 0;
        if (watch.reader != null) {
            ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (watch.writer != null) {
            boolean connecting = channel instanceof SocketChannel socket && socket.isConnectionPending();
            ops |= channel.validOps() & (connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE);
        }
        key.interestOps(ops);
    }
}

package asyncrt.streams;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.sockets.ConnectionResetError;
import asyncrt.tasks.Future;
import java.util.ArrayDeque;

/**
 * Write-side back-pressure for one connection: Python's {@code FlowControlMixin}. The transport
 * pauses it when its write buffer grows past the high-water mark and resumes it when the buffer
 * drains to the low-water mark; {@link StreamWriter#drain()} waits here while it is paused. So a
 * writer that awaits {@code drain()} after each {@code write()} never buffers much more than the
 * high-water mark, however slowly the peer reads.
 */
final class FlowControl {
    private final EventLoop loop;
    /** Sized for one waiter, the usual most: a connection's writer is one task. */
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>(1);
    private boolean paused;
    private boolean connectionLost;

    FlowControl(EventLoop loop) {
        this.loop = loop;
    }

    /** The write buffer went above the high-water mark (Python's {@code pause_writing}). */
    void pauseWriting() {
        paused = true;
    }

    /** The write buffer went down to the low-water mark (Python's {@code resume_writing}): wake the drainers. */
    void resumeWriting() {
        paused = false;
        wakeDrainers(null);
    }

    boolean paused() {
        return paused;
    }

    /** The connection is gone: drainers wake up, with {@code exc} if it broke. */
    void connectionLost(Throwable exc) {
        connectionLost = true;
        if (paused) {
            wakeDrainers(exc);
        }
    }

    /** Waits while writing is paused; fails once the connection is lost (Python's {@code _drain_helper}). */
    void awaitResumed() {
        if (connectionLost) {
            throw new ConnectionResetError("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> waiter = loop.createFuture();
        drainWaiters.add(waiter);
        try {
            Coroutine.await(waiter);
        } finally {
            drainWaiters.remove(waiter);
        }
    }

    private void wakeDrainers(Throwable exc) {
        for (Future<Void> waiter : drainWaiters) {
            if (!waiter.done()) {
                if (exc == null) {
                    waiter.setResult(null);
                } else {
                    waiter.setException(exc);
                }
            }
        }
    }
}

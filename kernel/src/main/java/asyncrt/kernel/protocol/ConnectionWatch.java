package asyncrt.kernel.protocol;

import asyncrt.kernel.util.Log;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Logs, on a thread of its own, each client connection that a channel's socket closes. ZeroMQ refuses a frame
 * over the socket's size limit ({@code ZMQ_MAXMSGSIZE}) by closing the connection before reading the frame,
 * and says nothing else of it: this is where the kernel's log warns of it (the client reconnects by itself).
 * A front end that goes away closes all its connections at once: that is only noted, at INFO.
 */
final class ConnectionWatch implements Runnable {

    private static final int TOGETHER_MILLIS = 300;

    private final ZContext context;
    private final long limitBytes;
    private final List<String> names = new ArrayList<>();
    private final List<ZMQ.Socket> monitors = new ArrayList<>();

    /**
     * @param context    the sockets' context
     * @param limitBytes the size limit set on the watched sockets, for the log
     */
    ConnectionWatch(ZContext context, long limitBytes) {
        this.context = context;
        this.limitBytes = limitBytes;
    }

    /** Watches a socket, before the thread starts. */
    void watch(String name, ZMQ.Socket socket) {
        String address = "inproc://connection-watch-" + name;
        socket.monitor(address, ZMQ.EVENT_DISCONNECTED);
        ZMQ.Socket monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(address);
        names.add(name);
        monitors.add(monitor);
    }

    @Override
    public void run() {
        try (ZMQ.Poller poller = context.createPoller(monitors.size())) {
            monitors.forEach(m -> poller.register(m, ZMQ.Poller.POLLIN));
            Set<String> closed = new LinkedHashSet<>();
            long firstAt = 0;
            while (!Thread.currentThread().isInterrupted()) {
                int ready = poller.poll(closed.isEmpty() ? -1 : TOGETHER_MILLIS);
                if (ready < 0) {
                    return;
                }
                for (int i = 0; i < monitors.size(); i++) {
                    if (poller.pollin(i) && ZMQ.Event.recv(monitors.get(i), ZMQ.DONTWAIT) != null) {
                        firstAt = closed.isEmpty() ? System.nanoTime() : firstAt;
                        closed.add(names.get(i));
                    }
                }
                if (!closed.isEmpty() && (ready == 0 || System.nanoTime() - firstAt > TOGETHER_MILLIS * 1_000_000L)) {
                    report(closed);
                    closed.clear();
                }
            }
        } catch (RuntimeException e) {
            Log.debug("the connection watch ends: " + e.getMessage()); // the context is closing
        }
    }

    /**
     * A front end that goes away closes its connections together; a refused frame closes one. Clients stop their
     * heartbeat on its own (nbclient does, after each notebook), and a heartbeat ping is a few bytes: its channel
     * closing alone is no sign of a refused frame.
     */
    private void report(Set<String> closed) {
        if (closed.size() > 1 || closed.contains("heartbeat")) {
            Log.info("a front end disconnected from " + String.join(", ", closed));
        } else {
            Log.warn("a connection to the " + closed.iterator().next() + " channel closed alone: its client sent a"
                    + " message with a frame over " + (limitBytes >> 20) + " MB, which the kernel refuses unread"
                    + " (ASYNCRT_KERNEL_MAX_MESSAGE_MB sets the limit), or closed that channel only");
        }
    }
}

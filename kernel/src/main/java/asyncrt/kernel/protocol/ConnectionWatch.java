package asyncrt.kernel.protocol;

import asyncrt.kernel.Log;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Logs, on a thread of its own, each client connection that a channel's socket closes. ZeroMQ refuses a frame
 * over the socket's size limit ({@code ZMQ_MAXMSGSIZE}) by closing the connection before reading the frame,
 * and says nothing else of it: this is where the kernel's log tells of it (the client reconnects by itself).
 * A front end that goes away closes its connections too, so the log names both causes.
 */
final class ConnectionWatch implements Runnable {

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
            while (!Thread.currentThread().isInterrupted() && poller.poll(-1) >= 0) {
                for (int i = 0; i < monitors.size(); i++) {
                    if (poller.pollin(i)) {
                        ZMQ.Event event = ZMQ.Event.recv(monitors.get(i), ZMQ.DONTWAIT);
                        if (event != null) {
                            Log.warn("a connection to the " + names.get(i) + " channel closed: its front end went away,"
                                    + " or sent a message with a frame over " + (limitBytes >> 20) + " MB, which the kernel"
                                    + " refuses unread (ASYNCRT_KERNEL_MAX_MESSAGE_MB sets the limit)");
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.debug("the connection watch ends: " + e.getMessage()); // the context is closing
        }
    }
}

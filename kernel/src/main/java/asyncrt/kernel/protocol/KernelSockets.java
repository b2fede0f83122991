package asyncrt.kernel.protocol;

import asyncrt.kernel.util.Log;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The kernel's five sockets, bound where the connection file says, and the channels on them. */
public final class KernelSockets implements AutoCloseable {

    /** Longer than a socket's linger (1 s), so that an orderly end always finishes within it. */
    private static final long CONTEXT_END_MILLIS = 2000;

    private final ZContext context = new ZContext(1);
    private final Channel shell;
    private final Channel control;
    private final Channel iopub;
    private final Channel stdin;
    private final Heartbeat heartbeat;

    /**
     * Binds every socket; fails if a port is taken.
     *
     * @param info            where to bind and how to sign
     * @param maxMessageBytes the largest frame a client may send; a client that sends a larger one has its
     *                        connection closed before the frame is read (and logged, see {@link ConnectionWatch})
     */
    public KernelSockets(ConnectionInfo info, long maxMessageBytes) {
        context.getContext().setThreadFactor(BatchScheduling.threadFactory());
        WireCodec codec = new WireCodec(new MessageSigner(info.signatureScheme(), info.key()));
        ConnectionWatch watch = new ConnectionWatch(context, maxMessageBytes);
        shell = new Channel("shell", bind(SocketType.ROUTER, info, info.shellPort(), maxMessageBytes, watch, "shell"), codec);
        control = new Channel("control", bind(SocketType.ROUTER, info, info.controlPort(), maxMessageBytes, watch, "control"), codec);
        ZMQ.Socket pub = context.createSocket(SocketType.PUB);
        pub.setSndHWM(0); // never drop output: a slow front end gets all of it, late rather than never
        pub.setLinger(1000);
        pub.bind(info.endpoint(info.iopubPort()));
        iopub = new Channel("iopub", pub, codec);
        stdin = new Channel("stdin", bind(SocketType.ROUTER, info, info.stdinPort(), maxMessageBytes, watch, "stdin"), codec);
        heartbeat = new Heartbeat(bind(SocketType.REP, info, info.heartbeatPort(), maxMessageBytes, watch, "heartbeat"));
        Thread.ofPlatform().daemon().name("connection-watch").start(watch);
    }

    private ZMQ.Socket bind(SocketType type, ConnectionInfo info, int port, long maxMessageBytes,
                            ConnectionWatch watch, String name) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        socket.setMaxMsgSize(maxMessageBytes);
        watch.watch(name, socket);
        socket.bind(info.endpoint(port));
        return socket;
    }

    /** Requests that run code or ask about it. */
    public Channel shell() {
        return shell;
    }

    /** Interrupt, shutdown and other requests that must not wait behind a running cell. */
    public Channel control() {
        return control;
    }

    /** Everything published: status, output, results, errors. */
    public Channel iopub() {
        return iopub;
    }

    /** Input requests to the front end and its replies. */
    public Channel stdin() {
        return stdin;
    }

    /** The heartbeat echo, to be run on a thread of its own. */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /**
     * Closes the sockets and ends ZeroMQ's context, waiting at most {@link #CONTEXT_END_MILLIS} for it: jeromq's
     * reaper thread can miss its own wake-up and then poll an empty pipe for ever (twice in CI runs, each time in a
     * restart), and a kernel asked to shut down must end. The sockets' linger has passed by then, so what was
     * sent has gone.
     */
    @Override
    public void close() {
        heartbeat.stop();
        Thread ending = Thread.ofPlatform().daemon().name("zeromq-end").start(context::close);
        try {
            if (!ending.join(Duration.ofMillis(CONTEXT_END_MILLIS))) {
                Log.warn("ZeroMQ's context did not end within " + CONTEXT_END_MILLIS + " ms; the kernel ends without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

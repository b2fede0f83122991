package asyncrt.kernel.testing;

import asyncrt.kernel.protocol.Frames;
import asyncrt.kernel.protocol.MalformedMessageException;
import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.protocol.WireCodec;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter client for tests, on real ZeroMQ sockets: DEALERs on shell, control and stdin, a SUB on IOPub, a
 * REQ on heartbeat. It can also send raw frames, to test how the kernel treats malformed messages.
 */
public final class KernelClient implements AutoCloseable {

    /** A channel the client talks on. */
    public enum Channel { SHELL, CONTROL, STDIN }

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final WireCodec codec;
    private final String session = UUID.randomUUID().toString();

    KernelClient(int[] ports, WireCodec codec) {
        this.codec = codec;
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        shell = connect(SocketType.DEALER, ports[0], identity);
        control = connect(SocketType.DEALER, ports[1], identity);
        iopub = connect(SocketType.SUB, ports[2], null);
        iopub.subscribe(new byte[0]);
        stdin = connect(SocketType.DEALER, ports[3], identity);
        heartbeat = connect(SocketType.REQ, ports[4], null);
    }

    private ZMQ.Socket connect(SocketType type, int port, byte[] identity) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    /** Sends kernel_info requests until one is answered and IOPub is seen to be connected. */
    void waitForReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message request = send(Channel.SHELL, "kernel_info_request", new JsonObject());
            Message reply = receive(Channel.SHELL, Duration.ofSeconds(2));
            // Any kernel_info_reply will do: one to an earlier request, answered late by a kernel slow to start
            // (a busy machine), would otherwise keep every later check one reply behind.
            if (reply != null && (parentId(reply).equals(request.id()) || reply.type().equals("kernel_info_reply"))) {
                Message status = receiveIopub(Duration.ofSeconds(1));
                if (status != null) {
                    drainIopub(Duration.ofMillis(300));
                    return;
                }
            }
        }
        throw new AssertionError("no kernel_info_reply within " + timeout);
    }

    /** Sends a request; returns the message sent. */
    public Message send(Channel channel, String msgType, JsonObject content) {
        Message message = message(msgType, content);
        sendFrames(channel, codec.encode(message));
        return message;
    }

    private Message message(String msgType, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "test");
        header.addProperty("date", java.time.Instant.now().toString());
        header.addProperty("msg_type", msgType);
        header.addProperty("version", "5.4");
        return new Message(List.of(), header, new JsonObject(), new JsonObject(), content, List.of());
    }

    /** Sends frames as they are, valid or not. */
    public void sendFrames(Channel channel, List<byte[]> frames) {
        Frames.send(socket(channel), frames);
    }

    /** The frames a request would have, for tests that tamper with them. */
    public List<byte[]> frames(String msgType, JsonObject content) {
        return new ArrayList<>(codec.encode(message(msgType, content)));
    }

    /** The next message on a channel, or null after the timeout. */
    public Message receive(Channel channel, Duration timeout) throws MalformedMessageException {
        return receive(socket(channel), timeout);
    }

    private Message receive(ZMQ.Socket socket, Duration timeout) throws MalformedMessageException {
        List<byte[]> frames = Frames.receive(socket, (int) timeout.toMillis());
        return frames == null ? null : codec.decode(frames);
    }

    /** The reply to a request, skipping any other replies; fails after the timeout. */
    public Message reply(Channel channel, Message request, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message reply = receive(channel, Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (reply != null && parentId(reply).equals(request.id())) {
                return reply;
            }
        }
        throw new AssertionError("no reply to " + request.type() + " within " + timeout);
    }

    /** The next IOPub message, or null after the timeout. */
    public Message receiveIopub(Duration timeout) throws MalformedMessageException {
        return receive(iopub, timeout);
    }

    /** Discards IOPub messages until none arrives for the given quiet time. */
    public void drainIopub(Duration quiet) throws MalformedMessageException {
        while (receiveIopub(quiet) != null) {
            // discard
        }
    }

    /** The IOPub messages for a request, up to and including its idle status. */
    public List<Message> iopubUntilIdle(Message request, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> messages = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Message message = receiveIopub(Duration.ofMillis(200));
            if (message == null || !parentId(message).equals(request.id())) {
                continue;
            }
            messages.add(message);
            if (message.type().equals("status") && message.contentString("execution_state", "").equals("idle")) {
                return messages;
            }
        }
        throw new AssertionError("no idle status for " + request.type() + " within " + timeout + "; got " + messages.size());
    }

    /** Pings the heartbeat; true if echoed in time. */
    public boolean heartbeat(Duration timeout) {
        byte[] ping = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        heartbeat.send(ping);
        heartbeat.setReceiveTimeOut((int) timeout.toMillis());
        byte[] pong = heartbeat.recv();
        return pong != null && java.util.Arrays.equals(ping, pong);
    }

    /** Runs a cell and collects what it published. */
    public Execution execute(String code) throws Exception {
        return execute(code, Duration.ofSeconds(120), false);
    }

    /** Runs a cell with allow_stdin and a timeout. */
    public Execution execute(String code, Duration timeout, boolean allowStdin) throws Exception {
        Message request = send(Channel.SHELL, "execute_request", executeContent(code, allowStdin));
        Message reply = reply(Channel.SHELL, request, timeout);
        return new Execution(request, reply, iopubUntilIdle(request, timeout));
    }

    /** The content of an execute_request. */
    public static JsonObject executeContent(String code, boolean allowStdin) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", allowStdin);
        content.addProperty("stop_on_error", true);
        return content;
    }

    /** The msg_id of a message's parent, or "". */
    public static String parentId(Message message) {
        return message.parentHeader().has("msg_id") ? message.parentHeader().get("msg_id").getAsString() : "";
    }

    private ZMQ.Socket socket(Channel channel) {
        return switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
        };
    }

    @Override
    public void close() {
        context.close();
    }
}

package asyncrt.kernel.protocol;

import asyncrt.kernel.Log;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * One of the kernel's message channels (shell, control, IOPub, stdin) on its ZeroMQ socket. Sending is
 * thread-safe; each channel is received from one thread. A frame sequence that is not a well-formed, correctly
 * signed message is dropped and logged, never handed on.
 */
public final class Channel {

    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    /**
     * @param name   the channel's name, for the log
     * @param socket a bound socket
     * @param codec  encodes and checks messages
     */
    public Channel(String name, ZMQ.Socket socket, WireCodec codec) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
    }

    /** Sends a message; thread-safe. */
    public void send(Message message) {
        List<byte[]> frames = codec.encode(message);
        synchronized (this) {
            for (int i = 0; i < frames.size() - 1; i++) {
                socket.sendMore(frames.get(i));
            }
            socket.send(frames.get(frames.size() - 1));
        }
    }

    /**
     * Waits up to the given time for the next acceptable message.
     *
     * @return the message, or null when none came in time (malformed ones are dropped and logged)
     */
    public Message receive(int timeoutMillis) {
        socket.setReceiveTimeOut(timeoutMillis);
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            Log.warn("dropped a message on " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** The channel's name. */
    public String name() {
        return name;
    }
}

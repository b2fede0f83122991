package asyncrt.kernel.protocol;

import asyncrt.kernel.util.Log;
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
            Frames.send(socket, frames);
        }
    }

    /**
     * Waits up to the given time for the next acceptable message.
     *
     * @return the message, or null when none came in time (malformed ones are dropped and logged)
     */
    public Message receive(int timeoutMillis) {
        List<byte[]> frames = Frames.receive(socket, timeoutMillis);
        if (frames == null) {
            return null;
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

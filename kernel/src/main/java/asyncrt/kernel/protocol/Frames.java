package asyncrt.kernel.protocol;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** A Jupyter message on the wire is one ZeroMQ multipart message: sending and receiving its frames as a whole. */
public final class Frames {
    private Frames() {}

    /** Sends {@code frames} as one multipart message. */
    public static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size() - 1; i++) {
            socket.sendMore(frames.get(i));
        }
        socket.send(frames.get(frames.size() - 1));
    }

    /** Waits up to {@code timeoutMillis} for a multipart message; its frames, or null when none came in time. */
    public static List<byte[]> receive(ZMQ.Socket socket, int timeoutMillis) {
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
        return frames;
    }
}

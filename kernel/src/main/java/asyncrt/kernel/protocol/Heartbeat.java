package asyncrt.kernel.protocol;

import org.zeromq.ZMQ;

/** The heartbeat channel: echoes every frame straight back, on its own thread. */
public final class Heartbeat implements Runnable {

    private final ZMQ.Socket socket;
    private volatile boolean running = true;

    /** @param socket a bound REP socket */
    public Heartbeat(ZMQ.Socket socket) {
        this.socket = socket;
    }

    @Override
    public void run() {
        socket.setReceiveTimeOut(200);
        while (running) {
            byte[] ping = socket.recv();
            if (ping != null) {
                socket.send(ping);
            }
        }
    }

    /** Makes the echo loop end within its receive timeout. */
    public void stop() {
        running = false;
    }
}

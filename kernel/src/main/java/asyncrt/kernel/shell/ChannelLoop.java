package asyncrt.kernel.shell;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.protocol.Channel;
import asyncrt.kernel.protocol.Message;

/** Receives requests on one channel and dispatches them one at a time, until stopped. */
public final class ChannelLoop implements Runnable {

    private static final int POLL_MILLIS = 200;

    private final Channel channel;
    private final Dispatcher dispatcher;
    private volatile boolean running = true;

    /**
     * @param channel    the channel to serve
     * @param dispatcher where its requests go
     */
    public ChannelLoop(Channel channel, Dispatcher dispatcher) {
        this.channel = channel;
        this.dispatcher = dispatcher;
    }

    @Override
    public void run() {
        while (running) {
            Message message = channel.receive(POLL_MILLIS);
            if (message != null) {
                dispatcher.dispatch(message, channel);
            }
        }
        Log.debug(channel.name() + " loop ended");
    }

    /** Ends the loop after the request in hand, if any. */
    public void stop() {
        running = false;
    }
}

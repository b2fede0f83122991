package asyncrt.queues;

/** Raised by putting on a shut-down queue, or getting from one that is shut down and empty: Python 3.13's {@code asyncio.QueueShutDown}. */
public class QueueShutDown extends RuntimeException {
    public QueueShutDown(String message) {
        super(message);
    }
}

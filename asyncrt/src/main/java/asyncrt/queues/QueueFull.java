package asyncrt.queues;

/** Raised by {@link Queue#putNowait} on a full queue: Python's {@code asyncio.QueueFull}. */
public class QueueFull extends RuntimeException {
    public QueueFull(String message) {
        super(message);
    }
}

package asyncrt.queues;

/** Raised by {@link Queue#getNowait()} on an empty queue: Python's {@code asyncio.QueueEmpty}. */
public class QueueEmpty extends RuntimeException {
    public QueueEmpty(String message) {
        super(message);
    }
}

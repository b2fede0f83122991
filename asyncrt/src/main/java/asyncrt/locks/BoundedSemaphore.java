package asyncrt.locks;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}. An extra {@code release()} is a bug, and this one says so.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    public BoundedSemaphore() {
        this(1);
    }

    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times: every release() must match an acquire()");
        }
        super.release();
    }
}

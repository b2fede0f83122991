package asyncrt.locks;

/** A {@link Barrier} was reset or aborted while tasks waited on it: Python's {@code asyncio.BrokenBarrierError}. */
public class BrokenBarrierError extends IllegalStateException {
    public BrokenBarrierError(String message) {
        super(message);
    }
}

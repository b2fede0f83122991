package asyncrt.executors;

/**
 * A worker process of a {@link ProcessPoolExecutor} died or could not start: Python's
 * {@code concurrent.futures.process.BrokenProcessPool}. The pool is then unusable: its pending
 * work fails with this, and so does new work.
 */
public class BrokenProcessPool extends IllegalStateException {
    public BrokenProcessPool(String message) {
        super(message);
    }
}

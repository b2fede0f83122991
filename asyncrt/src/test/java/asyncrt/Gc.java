package asyncrt;

import java.util.function.BooleanSupplier;

/** Waits for the garbage collector: what is reported "when collected" needs a few collections and the Cleaner's thread. */
final class Gc {
    private Gc() {}

    /** Collects garbage every 20 ms until {@code done} holds, for at most a second. */
    static void collectUntil(BooleanSupplier done) {
        for (int i = 0; i < 50 && !done.getAsBoolean(); i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Collects garbage for a while, for what should <em>not</em> be reported. */
    static void collectFor(long millis) {
        long until = System.currentTimeMillis() + millis;
        collectUntil(() -> System.currentTimeMillis() >= until);
    }
}

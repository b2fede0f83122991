package asyncrt.kernel.protocol;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * The signatures of recently accepted messages, so that a captured message replayed on the wire is refused.
 * Bounded: the oldest signatures are forgotten first.
 */
final class DigestHistory {

    private final int capacity;
    private final SequencedSet<ByteBuffer> seen = new LinkedHashSet<>();

    DigestHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Records a signature; false if it was seen before. */
    synchronized boolean add(byte[] signature) {
        if (!seen.add(ByteBuffer.wrap(signature.clone()))) {
            return false;
        }
        if (seen.size() > capacity) {
            seen.removeFirst();
        }
        return true;
    }
}

package asyncrt.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} has received and not yet handed out: Python's
 * {@code bytearray} buffer, as a growable array with a read position, so that taking bytes from
 * the front copies only what is taken.
 */
final class ReadBuffer {
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    void append(byte[] data, int offset, int length) {
        makeRoom(length);
        System.arraycopy(data, offset, bytes, end, length);
        end += length;
    }

    void append(ByteBuffer data) {
        int length = data.remaining();
        makeRoom(length);
        data.get(bytes, end, length);
        end += length;
    }

    /** Removes and returns the first {@code n} bytes (at most {@link #size()}). */
    byte[] take(int n) {
        int count = Math.min(n, size());
        byte[] out = Arrays.copyOfRange(bytes, start, start + count);
        start += count;
        if (start == end) {
            start = end = 0;
        }
        return out;
    }

    /** Drops the first {@code n} bytes. */
    void skip(int n) {
        start += Math.min(n, size());
        if (start == end) {
            start = end = 0;
        }
    }

    void clear() {
        start = end = 0;
    }

    /** The index (from the front) of the first {@code separator} at or after {@code from}, or -1. */
    int indexOf(byte[] separator, int from) {
        int last = end - separator.length;
        for (int i = start + from; i <= last; i++) {
            if (matchesAt(separator, i)) {
                return i - start;
            }
        }
        return -1;
    }

    /** Whether the bytes at {@code index} (from the front) are {@code prefix}. */
    boolean startsWith(byte[] prefix, int index) {
        return index + prefix.length <= size() && matchesAt(prefix, start + index);
    }

    private boolean matchesAt(byte[] pattern, int at) {
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private void makeRoom(int length) {
        if (bytes.length - end >= length) {
            return;
        }
        int size = size();
        if (bytes.length - size >= length && start > 0) {
            System.arraycopy(bytes, start, bytes, 0, size);  // compact
        } else {
            // Exactly what the first bytes need (a request often arrives whole), doubling after.
            byte[] grown = new byte[Math.max(bytes.length * 2, size + length)];
            System.arraycopy(bytes, start, grown, 0, size);
            bytes = grown;
        }
        start = 0;
        end = size;
    }
}

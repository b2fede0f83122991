package asyncrt.kernel.execution;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * A quick lower bound of the memory a value holds, to tell a learner which variable fills the heap: an array by
 * its length and element size (an array of arrays by its first few elements), a collection or map by its size
 * and what its first element holds. Never a walk of the whole object graph: it runs when the heap is full.
 */
final class MemoryEstimate {

    /** What a reference or a small object costs at least, in bytes. */
    private static final long OBJECT_BYTES = 16;
    /** How many elements of a nested array or a collection are looked at to estimate the rest. */
    private static final int SAMPLE = 8;

    private MemoryEstimate() {
    }

    static long of(Object value) {
        return of(value, 2);
    }

    private static long of(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int length = Array.getLength(value);
            Class<?> element = type.getComponentType();
            if (element.isPrimitive()) {
                return OBJECT_BYTES + (long) length * primitiveBytes(element);
            }
            return OBJECT_BYTES + (long) length * perElement(length, i -> Array.get(value, i), depth);
        }
        if (value instanceof Collection<?> collection) {
            Object[] first = collection.stream().limit(SAMPLE).toArray();
            return OBJECT_BYTES + (long) collection.size() * perElement(first.length, i -> first[i], depth);
        }
        if (value instanceof Map<?, ?> map) {
            Object[] first = map.values().stream().limit(SAMPLE).toArray();
            return OBJECT_BYTES + (long) map.size() * (OBJECT_BYTES + perElement(first.length, i -> first[i], depth));
        }
        if (value instanceof CharSequence text) {
            return OBJECT_BYTES + text.length();
        }
        return OBJECT_BYTES;
    }

    /** The average of the first elements' estimates (a reference's cost when they are not looked into). */
    private static long perElement(int available, java.util.function.IntFunction<Object> element, int depth) {
        if (depth == 0 || available == 0) {
            return OBJECT_BYTES / 2;
        }
        int looked = Math.min(available, SAMPLE);
        long total = 0;
        for (int i = 0; i < looked; i++) {
            total += OBJECT_BYTES / 2 + of(element.apply(i), depth - 1);
        }
        return total / looked;
    }

    private static int primitiveBytes(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return type == short.class || type == char.class ? 2 : 1;
    }

    static String describe(long bytes) {
        return bytes >= 1 << 30 ? String.format("%.1f GB", bytes / (double) (1 << 30))
                : bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes >= 1 << 10 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }
}

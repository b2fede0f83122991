package asyncrt.internal;

import java.util.Collection;
import java.util.StringJoiner;

/** Short Python-style representations for reprs and messages: strings quoted, exceptions as {@code Name('message')}. */
public final class Repr {
    private static final int MAX = 60;

    private Repr() {}

    public static String of(Object value) {
        if (value instanceof CharSequence s) {
            return "'" + shorten(s.toString()) + "'";
        }
        if (value instanceof Throwable t) {
            return t.getClass().getSimpleName() + "(" + (t.getMessage() == null ? "" : of(t.getMessage())) + ")";
        }
        if (value instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            int n = 0;
            for (Object o : c) {
                if (n++ == 6) {
                    j.add("...");
                    break;
                }
                j.add(of(o));
            }
            return j.toString();
        }
        return shorten(String.valueOf(value));
    }

    /** A callback as asyncio's reprs show one: its own {@code toString} if it has one, else the class its lambda was written in. */
    public static String callback(Object fn) {
        Class<?> type = fn.getClass();
        if (!type.isHidden() && !type.isSynthetic()) {
            return fn.toString();
        }
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        String hosts = lambda > 0 ? CodeNames.of(name.substring(0, lambda), null) : null;
        if (hosts != null) {
            return hosts;
        }
        return (lambda > 0 ? name.substring(name.lastIndexOf('.', lambda) + 1, lambda) : name) + ".<lambda>()";
    }

    private static String shorten(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX - 3) + "...";
    }
}

package asyncrt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Captures what a piece of code prints to System.out or System.err, line by line, with when each line came. */
final class Capture {
    record Line(String text, double at) { }

    private Capture() {}

    /** Runs {@code action} with System.out captured; returns its lines, each stamped with seconds since the start. */
    static List<Line> stdout(Runnable action) {
        return capture(action, true);
    }

    static String stderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static <T> T stderrInto(StringBuilder into, Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(original);
            into.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    private static List<Line> capture(Runnable action, boolean out) {
        List<Line> lines = new ArrayList<>();
        long start = System.nanoTime();
        PrintStream original = System.out;
        PrintStream stamping = new PrintStream(new java.io.OutputStream() {
            private final ByteArrayOutputStream current = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    lines.add(new Line(current.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9));
                    current.reset();
                } else {
                    current.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(stamping);
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return lines;
    }
}

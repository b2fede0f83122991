package asyncrt.kernel.util;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The kernel's own log. It writes to the process's real standard error (which Jupyter keeps in its server log),
 * never to {@code System.err}, which the kernel points at the running cell. The level comes from
 * {@code ASYNCRT_KERNEL_LOG_LEVEL} ({@code debug}, {@code info}, {@code warn}, {@code error}; default warn, so
 * that a healthy kernel leaves the console, the server's log and nbconvert's output alone).
 */
public final class Log {

    /** Severity of a log line. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile Level threshold = parse(System.getenv("ASYNCRT_KERNEL_LOG_LEVEL"));

    private Log() {
    }

    /** Logs a detail useful when chasing a problem. */
    public static void debug(String message) {
        write(Level.DEBUG, message, null);
    }

    /** Logs a normal event. */
    public static void info(String message) {
        write(Level.INFO, message, null);
    }

    /** Logs something wrong that the kernel survives, such as a dropped message. */
    public static void warn(String message) {
        write(Level.WARN, message, null);
    }

    /** Logs a failure of the kernel itself, with its stack trace. */
    public static void error(String message, Throwable cause) {
        write(Level.ERROR, message, cause);
    }

    private static void write(Level level, String message, Throwable cause) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        synchronized (OUT) {
            OUT.println("[asyncrt-kernel " + level + " " + LocalTime.now().format(TIME) + "] " + message);
            if (cause != null) {
                cause.printStackTrace(OUT);
            }
        }
    }

    private static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return Level.WARN;
        }
        try {
            return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.WARN;
        }
    }
}

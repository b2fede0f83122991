package asyncrt.kernel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The kernel's settings, from environment variables (which a kernelspec's {@code env} sets):
 * <ul>
 *   <li>{@code ASYNCRT_KERNEL_COMPILER_OPTS} — javac options for cells, space-separated (e.g. {@code -Xlint:all});</li>
 *   <li>{@code ASYNCRT_KERNEL_CLASSPATH} — extra class path for cells; entries may be globs ({@code /opt/lib/*.jar});</li>
 *   <li>{@code ASYNCRT_KERNEL_STARTUP_SCRIPTS_PATH} — {@code .jshell} files to run at start, globs allowed;</li>
 *   <li>{@code ASYNCRT_KERNEL_STARTUP_SCRIPT} — Java code to run at start, after the files;</li>
 *   <li>{@code ASYNCRT_KERNEL_TIMEOUT} — stop any cell that runs longer than this many seconds;</li>
 *   <li>{@code ASYNCRT_KERNEL_HISTORY_FILE} — where the input history is kept across sessions;</li>
 *   <li>{@code ASYNCRT_KERNEL_LOG_LEVEL} — the kernel's log level (see {@link Log});</li>
 *   <li>{@code ASYNCRT_KERNEL_MAX_MESSAGE_MB} — the largest frame of a message the kernel takes, in megabytes
 *       (default 32); the connection of a client that sends a larger one is closed before it is read;</li>
 *   <li>{@code ASYNCRT_KERNEL_MAX_CODE_MB} — the most code a request may carry, in megabytes of characters
 *       (default 1); a longer one gets an error reply.</li>
 * </ul>
 *
 * @param compilerOptions   javac options
 * @param classpath         extra class path, globs expanded
 * @param startupScripts    start-up files, globs expanded
 * @param startupScript     start-up code, or ""
 * @param timeoutMillis     execution timeout; 0 for none
 * @param historyFile       the history file
 * @param maxMessageBytes   the largest frame taken on the kernel's sockets
 * @param maxCodeChars      the most characters of code a request may carry
 */
public record KernelOptions(List<String> compilerOptions, List<Path> classpath, List<Path> startupScripts,
                            String startupScript, long timeoutMillis, Path historyFile, long maxMessageBytes,
                            int maxCodeChars) {

    private static final double DEFAULT_MAX_MESSAGE_MB = 32;
    private static final double DEFAULT_MAX_CODE_MB = 1;
    private static final long MEGABYTE = 1 << 20;

    /** Reads the options from an environment; a malformed one is an error that names it. */
    public static KernelOptions from(Map<String, String> env) throws IOException {
        String opts = env.getOrDefault("ASYNCRT_KERNEL_COMPILER_OPTS", "").strip();
        return new KernelOptions(
                opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")),
                PathGlobs.expandList(env.getOrDefault("ASYNCRT_KERNEL_CLASSPATH", "")),
                PathGlobs.expandList(env.getOrDefault("ASYNCRT_KERNEL_STARTUP_SCRIPTS_PATH", "")),
                env.getOrDefault("ASYNCRT_KERNEL_STARTUP_SCRIPT", ""),
                timeout(env.get("ASYNCRT_KERNEL_TIMEOUT")),
                historyFile(env),
                megabytes(env, "ASYNCRT_KERNEL_MAX_MESSAGE_MB", DEFAULT_MAX_MESSAGE_MB),
                (int) Math.min(Integer.MAX_VALUE, megabytes(env, "ASYNCRT_KERNEL_MAX_CODE_MB", DEFAULT_MAX_CODE_MB)));
    }

    private static long megabytes(Map<String, String> env, String name, double fallback) {
        String text = env.get(name);
        double value = fallback;
        if (text != null && !text.isBlank()) {
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (!(value > 0)) {
                throw new IllegalArgumentException(name + " must be a positive number of megabytes, not '" + text + "'");
            }
        }
        return Math.max(1, Math.round(value * MEGABYTE));
    }

    private static long timeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return 0;
        }
        try {
            double value = Double.parseDouble(seconds.strip());
            return value <= 0 ? 0 : Math.round(value * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ASYNCRT_KERNEL_TIMEOUT must be a number of seconds, not '" + seconds + "'");
        }
    }

    private static Path historyFile(Map<String, String> env) {
        String explicit = env.get("ASYNCRT_KERNEL_HISTORY_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String dataHome = env.get("XDG_DATA_HOME");
        Path base = dataHome != null && !dataHome.isBlank()
                ? Path.of(dataHome) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("asyncrt-kernel").resolve("history.jsonl");
    }
}

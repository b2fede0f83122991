package asyncrt.kernel.execution.output;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Points {@code System.out}, {@code System.err} and {@code System.in} of the whole JVM at the front end: what
 * any thread prints goes, in order and batched, to the output of the cell whose code printed it (a task
 * created by an earlier cell prints into that cell), else of the running cell; reading {@code System.in} asks
 * the front end for a line.
 */
public final class OutputCapture {

    private final StreamBatcher batcher;

    private OutputCapture(StreamBatcher batcher) {
        this.batcher = batcher;
    }

    /**
     * Installs the streams.
     *
     * @param sink  receives batched output
     * @param input answers reads of {@code System.in}
     * @param flush sends pending output, run before asking for input so that a printed prompt shows first
     * @param owner tells, on a thread that writes, whose output it is (null: the running cell's)
     */
    public static OutputCapture install(StreamBatcher.Sink sink, FrontEndInput input, Runnable flush, Supplier<Object> owner) {
        StreamBatcher batcher = new StreamBatcher(sink);
        System.setOut(new PrintStream(new BatchedOutputStream(batcher, "stdout", owner), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new BatchedOutputStream(batcher, "stderr", owner), true, StandardCharsets.UTF_8));
        System.setIn(new StdinStream(input, flush));
        return new OutputCapture(batcher);
    }

    /** The batcher behind the output streams. */
    public StreamBatcher batcher() {
        return batcher;
    }
}

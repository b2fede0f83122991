package asyncrt.kernel.execution;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Points {@code System.out}, {@code System.err} and {@code System.in} of the whole JVM at the front end: what
 * any thread prints goes to the running cell's output, in order and batched, and reading {@code System.in}
 * asks the front end for a line.
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
     */
    public static OutputCapture install(StreamBatcher.Sink sink, FrontEndInput input, Runnable flush) {
        StreamBatcher batcher = new StreamBatcher(sink);
        System.setOut(new PrintStream(new BatchedOutputStream(batcher, "stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new BatchedOutputStream(batcher, "stderr"), true, StandardCharsets.UTF_8));
        System.setIn(new StdinStream(input, flush));
        return new OutputCapture(batcher);
    }

    /** The batcher behind the output streams. */
    public StreamBatcher batcher() {
        return batcher;
    }
}

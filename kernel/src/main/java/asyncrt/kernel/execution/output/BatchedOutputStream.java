package asyncrt.kernel.execution.output;

import java.io.OutputStream;
import java.util.function.Supplier;

/** One of the streams ({@code stdout}, {@code stderr}) that cells print to, feeding a {@link StreamBatcher}. */
final class BatchedOutputStream extends OutputStream {

    private final StreamBatcher batcher;
    private final String name;
    private final Supplier<Object> owner;

    /** @param owner tells, on the writing thread, whose output it is (null: the running cell's) */
    BatchedOutputStream(StreamBatcher batcher, String name, Supplier<Object> owner) {
        this.batcher = batcher;
        this.name = name;
        this.owner = owner;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > 0) {
            batcher.write(owner.get(), name, bytes, offset, length);
        }
    }
}

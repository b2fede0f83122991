package asyncrt.kernel.execution;

import java.io.OutputStream;

/** One of the streams ({@code stdout}, {@code stderr}) that cells print to, feeding a {@link StreamBatcher}. */
final class BatchedOutputStream extends OutputStream {

    private final StreamBatcher batcher;
    private final String name;

    BatchedOutputStream(StreamBatcher batcher, String name) {
        this.batcher = batcher;
        this.name = name;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > 0) {
            batcher.write(name, bytes, offset, length);
        }
    }
}

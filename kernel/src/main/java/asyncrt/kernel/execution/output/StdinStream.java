package asyncrt.kernel.execution.output;

import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} for cells: when a cell reads and nothing is buffered, the front end is asked for a line,
 * which then reads as that line and a line break.
 */
final class StdinStream extends InputStream {

    private final FrontEndInput input;
    private final Runnable beforeAsking;
    private byte[] buffer = new byte[0];
    private int position;

    /**
     * @param input        where lines come from
     * @param beforeAsking runs before each request (to flush output, so that a printed prompt shows first)
     */
    StdinStream(FrontEndInput input, Runnable beforeAsking) {
        this.input = input;
        this.beforeAsking = beforeAsking;
    }

    @Override
    public synchronized int read() throws IOException {
        fill();
        return buffer[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        fill();
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, bytes, offset, count);
        position += count;
        return count;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private void fill() throws IOException {
        if (position < buffer.length) {
            return;
        }
        beforeAsking.run();
        String line = input.readLine("", false);
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
    }
}

package asyncrt.streams;

/**
 * A connection's two streams, as {@code openConnection} returns them (Python returns the tuple
 * {@code (reader, writer)}):
 *
 * <pre>{@code
 * var conn = await(openConnection("127.0.0.1", 8888));
 * conn.writer().write(...);
 * byte[] line = await(conn.reader().readline());
 * }</pre>
 */
public record StreamPair(StreamReader reader, StreamWriter writer) { }

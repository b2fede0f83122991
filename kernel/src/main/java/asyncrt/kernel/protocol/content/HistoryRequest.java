package asyncrt.kernel.protocol.content;

/**
 * {@code history_request}: the last {@code n} inputs ({@code tail}), a range of one session's lines
 * ({@code range}), or the inputs matching a glob {@code pattern} ({@code search}); {@code output} asks for
 * each input's output beside it.
 */
public record HistoryRequest(boolean output, boolean raw, String histAccessType, int session, int start, int stop,
                             Integer n, String pattern, boolean unique) {

    /** The defaults of ipykernel for the fields a front end leaves out. */
    public HistoryRequest {
        histAccessType = histAccessType == null ? "tail" : histAccessType;
        pattern = pattern == null ? "*" : pattern;
    }

    /** How many entries: the request's {@code n}, or {@code otherwise} when it has none. */
    public int n(int otherwise) {
        return n == null ? otherwise : n;
    }
}

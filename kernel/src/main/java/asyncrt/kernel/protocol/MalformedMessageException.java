package asyncrt.kernel.protocol;

/** A message that cannot be accepted: frames missing, bad JSON, or a bad, missing or replayed signature. */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong with the message, for the log */
    public MalformedMessageException(String reason) {
        super(reason);
    }
}

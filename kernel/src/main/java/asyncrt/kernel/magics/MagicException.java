package asyncrt.kernel.magics;

/** A magic used wrongly (bad arguments, a missing file...): its message is shown as the cell's error. */
public final class MagicException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where it helps, how to do it right */
    public MagicException(String message) {
        super(message);
    }

    /** @param message what went wrong; {@code cause} is the underlying failure */
    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}

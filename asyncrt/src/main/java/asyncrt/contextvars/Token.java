package asyncrt.contextvars;

/**
 * What {@link ContextVar#set} returns, so that {@link ContextVar#reset} can restore the
 * previous value: Python's {@code contextvars.Token}. A token works once, in the context
 * that made it.
 *
 * @param <T> the type of the variable's value
 */
public final class Token<T> {
    /** {@link #oldValue()} when the variable had no value before the {@code set}. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    private final ContextVar<T> var;
    final Context context;
    private final T oldValue;
    final boolean wasMissing;
    boolean used;

    Token(ContextVar<T> var, Context context, T oldValue, boolean wasMissing) {
        this.var = var;
        this.context = context;
        this.oldValue = oldValue;
        this.wasMissing = wasMissing;
    }

    public ContextVar<T> var() {
        return var;
    }

    /** The value before the {@code set}, or {@link #MISSING}. */
    public Object oldValue() {
        return wasMissing ? MISSING : oldValue;
    }

    @Override
    public String toString() {
        return "<Token" + (used ? " used" : "") + " var=" + var + ">";
    }
}

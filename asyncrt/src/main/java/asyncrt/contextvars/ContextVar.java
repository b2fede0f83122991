package asyncrt.contextvars;

import java.util.NoSuchElementException;

/**
 * A variable whose value depends on the context it is read in: Python's
 * {@code contextvars.ContextVar}. Think of it as a thread-local that follows tasks rather
 * than threads: each task sees the value set in its own context.
 *
 * <pre>{@code
 * static final ContextVar<String> requestId = new ContextVar<>("request_id", "unknown");
 * Token<String> token = requestId.set("request-1");
 * try { ... requestId.get() ... } finally { requestId.reset(token); }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    private final String name;
    private final T defaultValue;
    private final boolean hasDefault;

    /** A variable with no default: {@link #get()} fails until it is set. */
    public ContextVar(String name) {
        this.name = name;
        this.defaultValue = null;
        this.hasDefault = false;
    }

    /** A variable whose {@link #get()} returns {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.hasDefault = true;
    }

    public String getName() {
        return name;
    }

    /** The value in the current context, else the default; fails when there is neither. */
    @SuppressWarnings("unchecked")
    public T get() {
        Context context = Context.current();
        if (context.has(this)) {
            return (T) context.lookup(this);
        }
        if (hasDefault) {
            return defaultValue;
        }
        throw new NoSuchElementException("LookupError: " + this + " has no value in the current context and no default;"
                + " set() it first, call get(default), or create it with a default");
    }

    /** The value in the current context, else {@code fallback} (Python's {@code get(default)}). */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Context context = Context.current();
        return context.has(this) ? (T) context.lookup(this) : fallback;
    }

    /** Sets the value in the current context; the token lets {@link #reset} put back the old one. */
    @SuppressWarnings("unchecked")
    public Token<T> set(T value) {
        Context context = Context.current();
        Object old = context.has(this) ? context.lookup(this) : Token.MISSING;
        context.put(this, value);
        return new Token<>(this, context, (T) old, old == Token.MISSING);
    }

    /** Restores the value this variable had before the {@code set} that returned {@code token}. */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException("Token " + token + " has already been used once");
        }
        if (token.var() != this) {
            throw new IllegalArgumentException("Token " + token + " was created by a different ContextVar");
        }
        Context context = Context.current();
        if (token.context != context) {
            throw new IllegalArgumentException("Token " + token + " was created in a different Context");
        }
        token.used = true;
        if (token.wasMissing) {
            context.remove(this);
        } else {
            context.put(this, token.oldValue());
        }
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
    }
}

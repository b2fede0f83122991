package asyncrt.contextvars;

import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}.
 *
 * <p>Each thread has a current context. {@link #copyContext()} takes a cheap snapshot of it;
 * {@link #run} makes a context current while a function runs, so the function's
 * {@code ContextVar.set} calls land in that context and nowhere else. Every task runs each of
 * its steps inside its own copy, taken when the task was created: this is what keeps a request
 * id set in one task invisible to the others.
 */
public final class Context {
    /** Never mutated: {@code set} replaces it, so a copy can share it. */
    private Map<ContextVar<?>, Object> values;
    private boolean entered;
    private Context previous;

    /** An empty context, as {@code contextvars.Context()}. */
    public Context() {
        this(Map.of());
    }

    private Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /** A copy of the current context: {@code contextvars.copy_context()}. */
    public static Context copyContext() {
        return new Context(current().values);
    }

    /** The current context of this thread (or of the coroutine running on it). */
    public static Context current() {
        ThreadState state = ThreadState.current();
        Context context = state.context;
        if (context == null) {
            context = new Context();
            state.context = context;
        }
        return context;
    }

    /** A copy of this context. */
    public Context copy() {
        return new Context(values);
    }

    /** Runs {@code fn} with this context current and returns its result; rethrows what it throws. */
    public <T> T run(Callable<T> fn) {
        ThreadState state = ThreadState.current();
        enter(state);
        try {
            return fn.call();
        } catch (Exception e) {
            throw Throwables.rethrow(e);
        } finally {
            exit(state);
        }
    }

    /** Runs {@code fn} with this context current. */
    public void run(Runnable fn) {
        ThreadState state = ThreadState.current();
        enter(state);
        try {
            fn.run();
        } finally {
            exit(state);
        }
    }

    private void enter(ThreadState state) {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered"
                    + " (a context runs one function at a time; use copy() to run in a copy of it)");
        }
        entered = true;
        previous = state.context;
        state.context = this;
    }

    private void exit(ThreadState state) {
        state.context = previous;
        previous = null;
        entered = false;
    }

    /** The value of {@code var} in this context, or null when it has none. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        return (T) values.get(var);
    }

    /** Whether {@code var} has a value in this context (Python's {@code var in ctx}). */
    public boolean containsKey(ContextVar<?> var) {
        return values.containsKey(var);
    }

    /** The variables that have a value in this context. */
    public Set<ContextVar<?>> keySet() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    boolean has(ContextVar<?> var) {
        return values.containsKey(var);
    }

    Object lookup(ContextVar<?> var) {
        return values.get(var);
    }

    void put(ContextVar<?> var, Object value) {
        Map<ContextVar<?>, Object> next = new HashMap<>(values);
        next.put(var, value);
        values = next;
    }

    void remove(ContextVar<?> var) {
        Map<ContextVar<?>, Object> next = new HashMap<>(values);
        next.remove(var);
        values = next;
    }

    @Override
    public String toString() {
        return "<Context " + values + ">";
    }
}

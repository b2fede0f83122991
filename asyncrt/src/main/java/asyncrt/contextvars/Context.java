package asyncrt.contextvars;

import asyncrt.internal.ThreadState;
import asyncrt.internal.Throwables;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}.
 *
 * <p>Each thread has a current context. {@link #copyContext()} takes a cheap snapshot of it;
 * {@link #run} makes a context current while a function runs, so the function's
 * {@code ContextVar.set} calls land in that context and nowhere else. Every task runs each of
 * its steps inside its own copy, taken when the task was created: this is what keeps a request
 * id set in one task invisible to the others.
 *
 * <p>A difference from CPython: CPython refuses to enter a context that is entered anywhere; asyncrt refuses to
 * enter one that the same thread has entered. Each thread keeps the list of contexts it has entered, so that a
 * context (one per task, alive as long as its task) holds nothing but its values. A context entered on two
 * threads at once, which CPython would refuse, runs on both.
 */
public final class Context {
    /** Never mutated: {@code set} replaces it, so a copy can share it. */
    private Map<ContextVar<?>, Object> values;

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
        Context previous = enter(state);
        try {
            return fn.call();
        } catch (Exception e) {
            throw Throwables.rethrow(e);
        } finally {
            exit(state, previous);
        }
    }

    /** Runs {@code fn} with this context current. */
    public void run(Runnable fn) {
        ThreadState state = ThreadState.current();
        Context previous = enter(state);
        try {
            fn.run();
        } finally {
            exit(state, previous);
        }
    }

    /** Runs {@code fn(argument)} with this context current, as Python's {@code ctx.run(fn, arg)}. */
    public <A> void run(Consumer<? super A> fn, A argument) {
        ThreadState state = ThreadState.current();
        Context previous = enter(state);
        try {
            fn.accept(argument);
        } finally {
            exit(state, previous);
        }
    }

    /**
     * Makes this context current and returns the one it replaces, which the caller keeps until {@link #exit}.
     * Which contexts are entered, the thread keeps rather than each context, so that a context (one per task)
     * holds nothing but its values.
     */
    private Context enter(ThreadState state) {
        if (state.enteredContexts.contains(this)) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered"
                    + " (a context runs one function at a time; use copy() to run in a copy of it)");
        }
        state.enteredContexts.add(this);
        Context previous = state.context;
        state.context = this;
        return previous;
    }

    private void exit(ThreadState state, Context previous) {
        state.context = previous;
        state.enteredContexts.remove(state.enteredContexts.lastIndexOf(this));
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

package asyncrt.tasks;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Awaitable;
import asyncrt.coroutines.Coroutine;
import asyncrt.coroutines.StopIteration;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.internal.AwaitTraces;
import asyncrt.internal.Repr;
import asyncrt.internal.Throwables;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A result that is not there yet: Python's {@code asyncio.Future}. Someone sets its result or
 * exception once (or cancels it); coroutines that {@code await} it are suspended until then, and
 * its done callbacks are scheduled on the loop with {@code callSoon} — never run inline.
 *
 * <p>A future belongs to one event loop and is not thread-safe: complete it from the loop's
 * thread, or through {@code loop.callSoonThreadsafe}.
 *
 * @param <T> the type of the result
 */
public class Future<T> implements Awaitable<T> {
    private static final Cleaner NEVER_RETRIEVED = Cleaner.create();

    // The states: Python's _PENDING, _CANCELLED and _FINISHED, the last one split by outcome (FINISHED with
    // a result, FAILED with an exception), so that one field holds either.
    private static final byte PENDING = 0;
    private static final byte CANCELLED = 1;
    private static final byte FINISHED = 2;
    private static final byte FAILED = 3;

    /** A done callback added with {@link #addDoneCallback}, and the context it runs in. */
    private record Registered<T>(Consumer<? super Future<T>> fn, Context context) { }

    final EventLoop loop;
    private byte state = PENDING;
    /**
     * FINISHED: the result (Python's {@code _result}); FAILED: the exception ({@code _exception}), wrapped in
     * an {@link UnretrievedException} until someone looks at it; CANCELLED: the CancelledError that cancelled
     * it, if recorded, until {@link #makeCancelledError()} hands it out.
     */
    private Object outcome;
    /** The message of the cancellation (Python's {@code _cancel_message}), shared with Task. */
    String cancelMessage;
    /**
     * The done callbacks: null, one (by far the commonest case), or an ArrayList of them. Each is a
     * {@link Registered} callback, or a {@link Task} awaiting this future: its wake-up, added with
     * {@link #addWakeup}, which queues the task itself rather than a new callback.
     */
    private Object callbacks;
    /** Set by {@code await} before yielding this future to the task (Python's {@code _asyncio_future_blocking}). */
    boolean blocking;

    /** A pending future on the current event loop (the running one, else the thread's). */
    public Future() {
        this(Events.getEventLoop());
    }

    /** A pending future on {@code loop}. */
    public Future(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop getLoop() {
        return loop;
    }

    // ---- state -------------------------------------------------------------------------------

    public boolean done() {
        return state != PENDING;
    }

    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * The result; throws the future's exception (the same object), a {@link CancelledError} if it
     * was cancelled, or an {@link InvalidStateError} while it is pending.
     */
    @SuppressWarnings("unchecked")
    public T result() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Result is not set.");
        }
        markRetrieved();
        if (state == FAILED) {
            throw Throwables.rethrow(failure());
        }
        return (T) outcome;
    }

    /** The exception, or null if it finished with a result; like {@link #result()} when cancelled or pending. */
    public Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state == PENDING) {
            throw new InvalidStateError("Exception is not set.");
        }
        markRetrieved();
        return peekException();
    }

    /**
     * The exception it finished with, or null (also while pending or when cancelled), without
     * counting as retrieving it: for introspection, which must not silence "exception was never
     * retrieved" the way {@link #exception()} does.
     */
    public Throwable peekException() {
        return state == FAILED ? failure() : null;
    }

    private Throwable failure() {
        return outcome instanceof UnretrievedException unretrieved ? unretrieved.exception : (Throwable) outcome;
    }

    // ---- completing ----------------------------------------------------------------------------

    public void setResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateError(stateName().toUpperCase() + ": " + this);
        }
        outcome = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    public void setException(Throwable exc) {
        if (state != PENDING) {
            throw new InvalidStateError(stateName().toUpperCase() + ": " + this);
        }
        if (exc instanceof StopIteration) {
            throw new IllegalArgumentException("StopIteration interacts badly with coroutines and cannot be raised into a Future");
        }
        outcome = exc;
        state = FAILED;
        UnretrievedException unretrieved = new UnretrievedException(loop, exc, this instanceof Task ? "Task" : "Future",
                toString(), this instanceof Task<?> task ? task.getContext() : Context.current());
        unretrieved.cleanable = NEVER_RETRIEVED.register(this, unretrieved);
        outcome = unretrieved;
        scheduleCallbacks();
    }

    /** Cancels a pending future (returns false if it was done already) and schedules its callbacks. */
    public boolean cancel() {
        return cancel(null);
    }

    /** Cancels with a message that the {@link CancelledError} will carry. */
    public boolean cancel(String msg) {
        return cancelFuture(msg);
    }

    /** Cancels, recording the CancelledError that did it so that awaiters receive that same object. */
    void cancelWith(CancelledError error) {
        if (state == PENDING) {
            outcome = error;
        }
        cancelFuture(null);
    }

    private boolean cancelFuture(String msg) {
        markRetrieved();
        if (state != PENDING) {
            return false;
        }
        state = CANCELLED;
        cancelMessage = msg;
        scheduleCallbacks();
        return true;
    }

    /** The CancelledError to throw for this cancelled future: the recorded one once, then fresh ones. */
    CancelledError makeCancelledError() {
        if (state == CANCELLED && outcome != null) {
            CancelledError error = (CancelledError) outcome;
            outcome = null;
            return error;
        }
        return cancelMessage == null ? new CancelledError() : new CancelledError(cancelMessage);
    }

    void markRetrieved() {
        if (state == FAILED && outcome instanceof UnretrievedException unretrieved) {
            unretrieved.retrieved();
            outcome = unretrieved.exception;
        }
    }

    // ---- callbacks -----------------------------------------------------------------------------

    /** Runs {@code fn(this)} on the loop once this future is done, in a copy of the current context. */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        addDoneCallback(fn, Context.copyContext());
    }

    /** Runs {@code fn(this)} on the loop once this future is done, in {@code context}. */
    public void addDoneCallback(Consumer<? super Future<T>> fn, Context context) {
        if (state != PENDING) {
            loop.callSoon(() -> fn.accept(this), context);
            return;
        }
        add(new Registered<>(fn, context));
    }

    /** Makes {@code task}, which awaits this pending future, a done callback: its wake-up (Python's {@code task.__wakeup}). */
    void addWakeup(Task<?> task) {
        add(task);
    }

    @SuppressWarnings("unchecked")
    private void add(Object callback) {
        if (callbacks == null) {
            callbacks = callback;
        } else if (callbacks instanceof ArrayList<?> list) {
            ((List<Object>) list).add(callback);
        } else {
            List<Object> list = new ArrayList<>(4);
            list.add(callbacks);
            list.add(callback);
            callbacks = list;
        }
    }

    /**
     * Removes every registration of {@code fn} (compared with {@code equals}, as Python compares callbacks, so a
     * task's wake-up from {@link #callbacks()} matches); returns how many there were.
     */
    public int removeDoneCallback(Consumer<? super Future<T>> fn) {
        List<Object> all = new ArrayList<>(callbackList());
        int before = all.size();
        all.removeIf(cb -> fnOf(cb).equals(fn));
        callbacks = all.isEmpty() ? null : all.size() == 1 ? all.get(0) : all;
        return before - all.size();
    }

    /** The registered callbacks, for introspection. */
    public List<Consumer<? super Future<T>>> callbacks() {
        return callbackList().stream().<Consumer<? super Future<T>>>map(this::fnOf).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object> callbackList() {
        if (callbacks == null) {
            return List.of();
        }
        return callbacks instanceof ArrayList<?> list ? (List<Object>) list : List.of(callbacks);
    }

    @SuppressWarnings("unchecked")
    private Consumer<? super Future<T>> fnOf(Object callback) {
        return callback instanceof Task<?> task ? new Task.Wakeup(task) : ((Registered<T>) callback).fn();
    }

    private void scheduleCallbacks() {
        Object pending = callbacks;
        if (pending == null) {
            return;
        }
        callbacks = null;
        if (pending instanceof ArrayList<?> list) {
            for (Object callback : list) {
                schedule(callback);
            }
        } else {
            schedule(pending);
        }
    }

    @SuppressWarnings("unchecked")
    private void schedule(Object callback) {
        if (callback instanceof Task<?> task) {
            task.wakeUpSoon();
        } else {
            Registered<T> registered = (Registered<T>) callback;
            loop.callSoon(() -> registered.fn().accept(this), registered.context());
        }
    }

    /** The futures this one is made of (a gather's children), for introspection; none for a plain future. */
    public List<Future<?>> children() {
        return List.of();
    }

    // ---- await -----------------------------------------------------------------------------------

    /** Suspends the running coroutine until this future is done, then returns its result or throws. */
    @Override
    public T awaitFrom(Coroutine<?> driven) {
        if (!done()) {
            blocking = true;
            driven.suspendYielding(this);
            if (!done()) {
                throw new IllegalStateException("await wasn't used with future " + this
                        + ": a coroutine that awaits a future must be driven by a Task");
            }
        }
        if (state == FAILED) {
            AwaitTraces.extend(failure(), Future.class);
        }
        return result();
    }

    // ---- repr ------------------------------------------------------------------------------------

    private String stateName() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> "finished";
        };
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + String.join(" ", reprInfo()) + ">";
    }

    /** The parts of the repr, as Python's {@code _future_repr_info}: the state, the outcome, the callbacks. */
    List<String> reprInfo() {
        List<String> info = new ArrayList<>();
        info.add(stateName());
        if (state == FINISHED) {
            info.add("result=" + Repr.of(outcome));
        } else if (state == FAILED) {
            info.add("exception=" + Repr.of(failure()));
        }
        if (callbacks != null) {
            List<String> names = callbackList().stream().map(cb -> Repr.callback(fnOf(cb))).toList();
            info.add("cb=[" + (names.size() <= 2 ? String.join(", ", names)
                    : names.get(0) + ", <" + (names.size() - 2) + " more>, " + names.get(names.size() - 1)) + "]");
        }
        return info;
    }


    /**
     * Reports an exception nobody looked at, when its future is garbage collected: Python's
     * "Future exception was never retrieved" / "Task exception was never retrieved".
     */
    private static final class UnretrievedException implements Runnable {
        private final EventLoop loop;
        private final Throwable exception;
        private final String kind;
        private final String description;
        /** The context of the task, or of the callback that set the exception: where the report belongs. */
        private final Context context;
        private volatile boolean retrieved;
        Cleaner.Cleanable cleanable;

        UnretrievedException(EventLoop loop, Throwable exception, String kind, String description,
                             Context context) {
            this.loop = loop;
            this.exception = exception;
            this.kind = kind;
            this.description = description;
            this.context = context;
        }

        void retrieved() {
            retrieved = true;
            cleanable.clean();
        }

        @Override
        public void run() {
            if (!retrieved) {
                loop.reportFromAnyThread(java.util.Map.of(
                        "message", kind + " exception was never retrieved",
                        "exception", exception,
                        "future", description), context);
            }
        }
    }
}

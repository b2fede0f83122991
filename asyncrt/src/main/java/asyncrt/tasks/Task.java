package asyncrt.tasks;

import asyncrt.contextvars.Context;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.Ready;
import asyncrt.internal.Repr;
import asyncrt.internal.Throwables;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A coroutine scheduled to run on the event loop, and the future of its result: Python's
 * {@code asyncio.Task}. Creating one schedules its first step; each step resumes the
 * coroutine until its next {@code await} of an unfinished future, and the future's done
 * callback schedules the next step — exactly the dance of CPython's {@code Task.__step} and
 * {@code __wakeup}.
 *
 * <p>{@link #cancel} asks the task to stop: a {@link CancelledError} is thrown into its coroutine
 * at the {@code await} where it is suspended (or at its next one). The coroutine may catch it to
 * clean up; if it lets it propagate, the task ends cancelled.
 *
 * <h2 id="invariant">The invariant</h2>
 *
 * <p>CPython states it at the top of its {@code Task}: either {@code _fut_waiter} is None and
 * {@code __step} is scheduled, or it is a future and {@code __step} is not; the only way from the
 * second state to the first is {@code __wakeup}. Here, for a task that is not done and not running:
 *
 * <ul>
 * <li>either {@link #futWaiter} is null and the task's step is scheduled: the task itself is in the
 *     loop's ready queue (or, once, a callback that throws an error into the coroutine);</li>
 * <li>or {@code futWaiter} is the future the task awaits, the task is that future's wake-up callback,
 *     and the task is not in the ready queue.</li>
 * </ul>
 *
 * <p>The only way from the second state to the first is that future being done: its callbacks
 * run {@link #wakeUpSoon()}, which queues the task. When the loop runs the task and finds
 * {@code futWaiter} set, it wakes the task ({@code __wakeup}: the future's outcome goes into the
 * coroutine), and {@link #step(Throwable)} clears {@code futWaiter} before resuming the coroutine. So
 * the task is never queued twice, which is why it can be queued itself rather than a handle of its
 * step, and why {@link #cancel} may cancel {@code futWaiter} instead of the step.
 *
 * @param <T> the type of the coroutine's result
 */
public class Task<T> extends Future<T> implements Ready {
    private static final AtomicLong NAME_COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    private final long number;

    /** The future this task is suspended on, if any (Python's {@code _fut_waiter}); see <a href="#invariant">the invariant</a>. */
    private Future<?> futWaiter;
    /** What few tasks use: a name given, cancellation requests, debug mode's traceback. Made on first use, as most tasks never need it. */
    private Uncommon uncommon;

    /** The context every step runs in (Python's {@code _context}). */
    private final Context context;

    /** Links in the loop's list of live tasks. */
    Task<?> prevLive;
    Task<?> nextLive;

    /** Schedules {@code coro} on {@code loop}; {@code name} and {@code context} may be null (a default name, a copy of the current context). */
    public Task(EventLoop loop, Coroutine<T> coro, String name, Context context) {
        super(loop);
        loop.checkOpen();
        coro.claim();
        if (coro.started()) {
            throw new IllegalArgumentException("a coroutine was expected that has not started yet, got " + coro
                    + ": each Task needs a fresh coroutine");
        }
        this.coro = coro;
        this.number = NAME_COUNTER.incrementAndGet();
        if (name != null) {
            uncommon().name = name;
        }
        this.context = context != null ? context : Context.copyContext();
        if (loop.getDebug()) {
            uncommon().sourceTraceback = new Throwable().getStackTrace();
        }
        loop.tasks().register(this);
        loop.callSoon(this);
        loop.instruments().taskSpawned(this);
        loop.instruments().taskScheduled(this);
    }

    /** The task running now on the running loop (Python's {@code asyncio.current_task()}), or null. */
    public static Task<?> currentTask() {
        return Events.getRunningLoop().tasks().current();
    }

    /** The tasks of the running loop that are not done yet (Python's {@code asyncio.all_tasks()}). */
    public static List<Task<?>> allTasks() {
        return Events.getRunningLoop().tasks().all();
    }

    /** A number unique among the tasks of this JVM, in creation order (the N of the default name Task-N). */
    public long id() {
        return number;
    }

    /**
     * A task hashes by its {@link #id()}; it still equals only itself.
     *
     * @implNote The id is cheaper to compute than an identity hash and spreads as evenly, so instruments that keep
     * a map of every task (a {@code Timeline}) stay fast.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(number);
    }

    public String getName() {
        String given = uncommon == null ? null : uncommon.name;
        return given != null ? given : "Task-" + number;
    }

    public void setName(String name) {
        uncommon().name = name;
    }

    public Coroutine<T> getCoro() {
        return coro;
    }

    @Override
    public Context getContext() {
        return context;
    }

    /** The future this task is suspended on now, or null. */
    public Future<?> waitingOn() {
        return futWaiter;
    }

    // ---- cancellation ------------------------------------------------------------------------

    /** Requests cancellation; see the class comment. Returns false if the task is already done. */
    @Override
    public boolean cancel(String msg) {
        markRetrieved();
        if (done()) {
            return false;
        }
        Uncommon requests = uncommon();
        requests.cancelsRequested++;
        if (futWaiter != null && futWaiter.cancel(msg)) {
            return true;
        }
        requests.mustCancel = true;
        cancelMessage = msg;
        return true;
    }

    /** How many cancellation requests are pending (Python 3.11's {@code cancelling()}). */
    public int cancelling() {
        return uncommon == null ? 0 : uncommon.cancelsRequested;
    }

    /** Withdraws one cancellation request and returns how many remain (Python 3.11's {@code uncancel()}). */
    public int uncancel() {
        if (uncommon == null) {
            return 0;
        }
        if (uncommon.cancelsRequested > 0) {
            uncommon.cancelsRequested--;
            if (uncommon.cancelsRequested == 0) {
                uncommon.mustCancel = false;
            }
        }
        return uncommon.cancelsRequested;
    }

    // ---- a task completes itself --------------------------------------------------------------

    /** Refused, as by asyncio's Task: a task's result is what its coroutine returns. */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /** Refused, as by asyncio's Task: a task's exception is what its coroutine throws. */
    @Override
    public void setException(Throwable exc) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    // ---- the step --------------------------------------------------------------------------------

    /**
     * One step (Python's {@code __step}): resumes the coroutine, throwing {@code exc} in if not null, until
     * it suspends or ends. Entered in the first state of <a href="#invariant">the invariant</a>, or from the
     * wake-up, which leaves the second; clearing {@link #futWaiter} completes that transition.
     */
    private void step(Throwable exc) {
        if (done()) {
            throw new InvalidStateError("step(): already done: " + this + ", " + exc);
        }
        if (mustCancel()) {
            if (!(exc instanceof CancelledError)) {
                exc = makeCancelledError();
            }
            uncommon.mustCancel = false;
        }
        futWaiter = null;
        LoopTasks tasks = loop.tasks();
        tasks.enter(this);
        loop.instruments().stepBegins(this);
        try {
            if (coro.resume(null, exc)) {
                suspended(coro.takeYielded());
            } else {
                finished();
            }
        } finally {
            tasks.leave(this);
            loop.instruments().stepEnds(this);
        }
    }

    private void finished() {
        loop.tasks().unregister(this);
        Throwable failure = coro.failure();
        if (failure == null) {
            if (mustCancel()) {
                uncommon.mustCancel = false;
                super.cancel(cancelMessage);
            } else {
                super.setResult(coro.result());
            }
        } else if (failure instanceof CancelledError cancelled) {
            super.cancelWith(cancelled);
        } else {
            super.setException(failure);
            if (Throwables.escapesLoop(failure)) {
                loop.instruments().taskExited(this);
                throw Throwables.rethrow(failure);
            }
        }
        loop.instruments().taskExited(this);
    }

    /** After a step that suspended: schedules the next step, or enters the second state of <a href="#invariant">the invariant</a>. */
    private void suspended(Object yielded) {
        if (yielded == null) {
            loop.callSoon(this);  // a bare yield, as sleep(0) does: run again next iteration
            loop.instruments().taskScheduled(this);
        } else if (yielded instanceof Future<?> future && future.blocking) {
            future.blocking = false;
            if (future.getLoop() != loop) {
                retryWith(new IllegalStateException("Task " + this + " got Future " + future + " attached to a different loop"));
            } else if (future == this) {
                retryWith(new IllegalStateException("Task cannot await on itself: " + this));
            } else {
                future.addWakeup(this);
                futWaiter = future;
                loop.instruments().taskWaiting(this, future);
                if (mustCancel() && future.cancel(cancelMessage)) {
                    uncommon.mustCancel = false;
                }
            }
        } else if (yielded instanceof Future<?> future) {
            retryWith(new IllegalStateException("yield was used instead of await in task " + this + " with " + future));
        } else {
            retryWith(new IllegalStateException("Task got bad yield: " + Repr.of(yielded)));
        }
    }

    private void retryWith(Throwable exc) {
        loop.callSoon(() -> step(exc), context);
        loop.instruments().taskScheduled(this);
    }

    /** Python's {@code __wakeup}: the awaited future is done; its outcome goes into the coroutine at the next step. */
    void wakeup(Future<?> future) {
        Throwable exc = null;
        try {
            future.result();
        } catch (Throwable t) {
            exc = t;
        }
        step(exc);
    }

    /** The one way out of the waiting state of <a href="#invariant">the invariant</a>: the awaited future is done. */
    void wakeUpSoon() {
        loop.callSoon(this);
        loop.instruments().taskScheduled(this);
    }

    /** The loop runs the task's due step: which of the two it is, <a href="#invariant">the invariant</a> tells by {@code futWaiter}. */
    @Override
    public void run(EventLoop loop) {
        try {
            context.run(Task::runDue, this);
        } catch (Throwable t) {
            loop.reportCallbackFailure(this, t, uncommon == null ? null : uncommon.sourceTraceback);
        }
    }

    private static void runDue(Task<?> task) {
        Future<?> awaited = task.futWaiter;
        if (awaited != null) {
            task.wakeup(awaited);
        } else {
            task.step(null);
        }
    }

    /** What the loop will call when it runs this task: its wake-up while it waits on a future, else its step. */
    @Override
    public String describeCallback() {
        return futWaiter != null ? "Task.task_wakeup()" : "Task.__step()";
    }

    /**
     * The wake-up as the awaited future's done callbacks show it (Python's bound method {@code task.__wakeup}):
     * a view made on request, equal to any other of the same task, as bound methods are.
     */
    record Wakeup(Task<?> task) implements Consumer<Future<?>> {
        /** Run as an ordinary done callback, in whatever context it was registered with: the wake-up itself. */
        @Override
        public void accept(Future<?> future) {
            task.wakeup(future);
        }

        @Override
        public String toString() {
            return "Task.task_wakeup()";
        }
    }

    // ---- what few tasks use --------------------------------------------------------------------

    /**
     * A name given to the task, its cancellation requests (Python's {@code _num_cancels_requested},
     * {@code _must_cancel}), and in debug mode where it was created.
     */
    private static final class Uncommon {
        String name;
        /** Where the task was created, in debug mode: reported if a step fails outside the coroutine. */
        StackTraceElement[] sourceTraceback;
        int cancelsRequested;
        /** Whether a CancelledError is to be thrown into the coroutine at its next step. */
        boolean mustCancel;
    }

    private Uncommon uncommon() {
        if (uncommon == null) {
            uncommon = new Uncommon();
        }
        return uncommon;
    }

    private boolean mustCancel() {
        return uncommon != null && uncommon.mustCancel;
    }

    // ---- repr --------------------------------------------------------------------------------------

    /** As Python's {@code _task_repr_info}: state, name, coroutine, what it waits for, outcome, callbacks. */
    @Override
    List<String> reprInfo() {
        List<String> info = super.reprInfo();
        if (cancelling() > 0 && !done()) {
            info.set(0, "cancelling");
        }
        info.add(1, "name='" + getName() + "'");
        info.add(2, "coro=" + coro);
        if (futWaiter != null) {
            info.add(3, "wait_for=" + futWaiter);
        }
        return info;
    }
}

package asyncrt.combinators;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.internal.Throwables;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structured concurrency: Python's {@code asyncio.TaskGroup}. Where Python writes
 * {@code async with asyncio.TaskGroup() as tg:} around a block, Java hands the block to the group,
 * which passes itself in, and awaits the whole:
 *
 * <pre>{@code
 * await(taskGroup(tg -> {                  // async with asyncio.TaskGroup() as tg:
 *     tg.createTask(fetch("a"));
 *     tg.createTask(fetch("b"));
 * }));                                     // both done here
 * }</pre>
 *
 * <p>The semantics are current CPython's (3.12 and later). The block runs in the task that awaits the group (the
 * group's parent task); leaving it waits for every task of the group. When a task of the group
 * fails, the group cancels its other tasks and the parent task: the block sees a
 * {@link CancelledError} at the {@code await} where it is suspended (a {@code catch (Exception e)} in
 * the block does not catch it, CancelledError being an {@code Error}, as it is a BaseException in
 * Python). When all tasks are done, the group withdraws the cancellation it caused and throws an
 * {@link ExceptionGroup} of the failures — the block's own exception among them, if it threw one
 * (which also cancels the tasks). A cancellation from outside (an enclosing timeout,
 * {@code task.cancel()}) cancels the tasks too and goes on as a CancelledError, unless tasks failed:
 * then the ExceptionGroup comes out, and the parent task stays marked as being cancelled.
 * A {@code catch (Throwable t)} or {@code catch (Error e)} in the block does catch the CancelledError,
 * as a bare {@code except:} would in Python: rethrow it.
 */
public final class TaskGroup {
    /** The block of a task group: what Python writes inside {@code async with TaskGroup() as tg:}. */
    @FunctionalInterface
    public interface Body extends Serializable {
        void run(TaskGroup tg) throws Exception;
    }

    private EventLoop loop;
    private Task<?> parent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final Consumer<Future<?>> onTaskDone = this::taskDone;
    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    /** A KeyboardInterrupt (or JShell's stop) from the block or a task: it ends the group as itself. */
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    /** A task group not entered yet; {@link #run} enters it. {@code Asyncio.taskGroup(body)} does both. */
    public TaskGroup() {
    }

    /**
     * A coroutine that runs {@code body} in this group, in the task that awaits it (Python's
     * {@code async with tg:}), then waits for the group's tasks; see the class comment.
     */
    public Coroutine<Void> run(Body body) {
        return taskGroup(body);
    }

    /** {@link #run}; its coroutine is written here so that call stacks and wait labels name it after the call, taskGroup. */
    private Coroutine<Void> taskGroup(Body body) {
        return Coroutine.of(() -> {
            enter();
            Throwable raised = null;
            try {
                body.run(this);
            } catch (Throwable t) {
                raised = t;
            }
            exit(raised);
        });
    }

    /** Starts {@code coro} as a task of this group (Python's {@code tg.create_task(coro)}). */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        if (!entered) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        tasks.add(task);
        task.addDoneCallback(onTaskDone);
        return task;
    }

    private void enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        loop = Events.getRunningLoop();
        parent = loop.tasks().current();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task: use it inside a task");
        }
        entered = true;
    }

    /** Leaves the block, which ended with {@code raised} (null: normally): waits for the tasks, then throws what is due. */
    private void exit(Throwable raised) {
        exiting = true;
        if (raised != null && Throwables.escapesLoop(raised) && baseError == null) {
            baseError = raised;
        }
        CancelledError propagate = raised instanceof CancelledError cancelled ? cancelled : null;
        if (raised != null && !aborting) {
            abort();
        }
        CancelledError pending = null;
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                Coroutine.await(onCompleted);
            } catch (CancelledError cancelled) {
                pending = cancelled;
                if (!aborting) {
                    propagate = cancelled;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            for (Throwable suppressed : errors) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("message", "TaskGroup task exception was not propagated because the TaskGroup body is being closed"
                        + " with a BaseException");
                report.put("exception", suppressed);
                report.put("task_group", this);
                loop.callExceptionHandler(report);
            }
            throw Throwables.rethrow(baseError);
        }
        if (parentCancelRequested) {
            if (parent.uncancel() == 0) {
                propagate = null;  // the only cancellation was ours
            } else if (propagate == null) {
                propagate = pending;  // one from outside is still pending: it must not be dropped
            }
        }
        if (propagate != null && errors.isEmpty()) {
            throw propagate;
        }
        if (raised != null && !(raised instanceof CancelledError)) {
            errors.add(raised);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                // Cancelled from outside as well: keep the count, and make the next await see it again.
                parent.uncancel();
                parent.cancel();
            }
            if (raised instanceof asyncrt.coroutines.GeneratorExit && errors.size() == 1) {
                throw (asyncrt.coroutines.GeneratorExit) raised;
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    private void taskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (Throwables.escapesLoop(exc) && baseError == null) {
            baseError = exc;
        }
        if (parent.done()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("message", "Task " + task + " has errored out but its parent task " + parent + " is already completed");
            report.put("exception", exc);
            report.put("task", task);
            loop.callExceptionHandler(report);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt the block at its await; exit() withdraws this cancellation again.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> task : tasks) {
            if (!task.done()) {
                task.cancel();
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            s.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            s.append(" errors=").append(errors.size());
        }
        if (aborting) {
            s.append(" cancelling");
        } else if (entered) {
            s.append(" entered");
        }
        return s.append('>').toString();
    }
}

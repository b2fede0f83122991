package asyncrt.combinators;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.tasks.CancelledError;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structured concurrency: Python 3.11's {@code asyncio.TaskGroup}, with try-with-resources in
 * place of {@code async with}. Leaving the block waits for every task of the group; if one
 * fails, the others — and the block, at its current {@code await} — are cancelled, and the
 * failures come out together as an {@link ExceptionGroup}.
 *
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) {
 *     tg.createTask(fetch("a"));
 *     tg.createTask(fetch("b"));
 * }   // both done here
 * }</pre>
 *
 * <p>Two differences forced by Java, whose {@code close()} cannot see or replace an exception
 * in flight: when a task fails while the block is suspended, the block's {@code await} throws the
 * group's ExceptionGroup directly (in Python it sees a CancelledError); and if the block throws
 * an exception of its own, the group's tasks are awaited rather than cancelled.
 */
public final class TaskGroup implements AutoCloseable {
    private final EventLoop loop;
    private final Task<?> parent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final Consumer<Future<?>> onTaskDone = this::taskDone;
    private final int parentCancellingAtEntry;
    private boolean exiting;
    private boolean exited;
    private boolean aborting;
    private boolean parentCancelRequested;
    /** The group delivered into the block when a task failed while the block was suspended. */
    private ExceptionGroup deliveredToBlock;
    private Future<Void> allDone;

    /** Enters a task group in the current task. */
    public TaskGroup() {
        loop = EventLoop.getRunningLoop();
        parent = loop.tasks().current();
        if (parent == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task: use it inside a task");
        }
        parentCancellingAtEntry = parent.cancelling();
    }

    /** Starts {@code coro} as a task of this group. */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        if (exited) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            coro.close();
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        if (task.done()) {
            taskDone(task);
        } else {
            tasks.add(task);
            task.addDoneCallback(onTaskDone);
        }
        return task;
    }

    /** Waits for every task of the group; throws the group's failures as one {@link ExceptionGroup}. */
    @Override
    public void close() {
        exiting = true;
        boolean externallyCancelled = parent.cancelling() > parentCancellingAtEntry + (parentCancelRequested ? 1 : 0);
        if (externallyCancelled && !aborting) {
            abort();
        }
        CancelledError cancelledWhileWaiting = null;
        while (!tasks.isEmpty()) {
            if (allDone == null) {
                allDone = loop.createFuture();
            }
            try {
                Coroutine.await(allDone);
            } catch (CancelledError cancelled) {
                cancelledWhileWaiting = cancelled;
                if (!aborting) {
                    abort();
                }
            }
            allDone = null;
        }
        exited = true;
        boolean stillCancelled = true;
        if (parentCancelRequested) {
            parent.replaceNextCancellation(null);
            stillCancelled = parent.uncancel() > parentCancellingAtEntry;
        }
        if (errors.isEmpty()) {
            if (cancelledWhileWaiting != null && stillCancelled) {
                throw cancelledWhileWaiting;
            }
            return;
        }
        if (deliveredToBlock != null) {
            return;  // it holds every error, and it is the exception in flight out of the block
        }
        throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }

    private void taskDone(Future<?> task) {
        tasks.remove(task);
        if (allDone != null && tasks.isEmpty() && !allDone.done()) {
            allDone.setResult(null);
        }
        if (task.cancelled() || task.exception() == null) {
            return;
        }
        errors.add(task.exception());
        if (deliveredToBlock != null) {
            deliveredToBlock.add(task.exception());
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            if (!exiting) {
                deliveredToBlock = new ExceptionGroup("unhandled errors in a TaskGroup", errors);
                parent.replaceNextCancellation(deliveredToBlock);
            }
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
        return "<TaskGroup tasks=" + tasks.size() + (errors.isEmpty() ? "" : " errors=" + errors.size())
                + (aborting ? " cancelling" : exited ? " exited" : exiting ? " exiting" : " entered") + ">";
    }
}

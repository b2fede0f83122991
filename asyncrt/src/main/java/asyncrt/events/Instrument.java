package asyncrt.events;

import asyncrt.tasks.Future;
import asyncrt.tasks.Task;

/**
 * Hooks into an event loop's life, for tracing and drawing timelines: Trio's instrument API
 * ({@code before_run}, {@code task_spawned}, {@code before_task_step}, … {@code after_io_wait}),
 * plus {@link #taskWaiting}, which says what a task suspended on. Every method does nothing by
 * default; override those you need. Hooks run on the loop's thread, inside its iteration:
 * keep them quick and do not touch the loop from them.
 */
public interface Instrument {
    default void beforeRun(EventLoop loop) { }

    default void afterRun(EventLoop loop) { }

    default void taskSpawned(Task<?> task) { }

    /** The task was put on the ready queue. */
    default void taskScheduled(Task<?> task) { }

    default void beforeTaskStep(Task<?> task) { }

    default void afterTaskStep(Task<?> task) { }

    /** The task's step ended suspended on {@code future}. */
    default void taskWaiting(Task<?> task, Future<?> future) { }

    default void taskExited(Task<?> task) { }

    /** The loop is about to wait for I/O or timers, for at most {@code timeout} seconds (infinite: no deadline). */
    default void beforeIoWait(double timeout) { }

    default void afterIoWait(double timeout) { }
}

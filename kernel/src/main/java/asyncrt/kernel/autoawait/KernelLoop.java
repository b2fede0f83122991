package asyncrt.kernel.autoawait;

import asyncrt.Runner;
import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.KeyboardInterrupt;
import asyncrt.kernel.execution.SnippetRunner;
import asyncrt.tasks.Task;
import java.util.Optional;

/**
 * The event loop the kernel keeps from cell to cell for top-level await, made on first use. It turns only
 * while a cell awaits: each statement of such a cell runs as a task named after the cell ({@code In [5]}),
 * and the loop runs until that task is done, running every other task of the loop meanwhile. Underneath is
 * an asyncrt {@link Runner}, so the Stop button (SIGINT) cancels the statement's task and the cell ends with
 * a KeyboardInterrupt; the loop and its other tasks stay.
 */
public final class KernelLoop {

    private Runner runner;

    /** The loop, if a cell has made it yet. */
    public synchronized Optional<EventLoop> ifMade() {
        return Optional.ofNullable(runner).map(Runner::getLoop);
    }

    private synchronized Runner runner() {
        if (runner == null) {
            runner = new Runner();
        }
        return runner;
    }

    /**
     * Runs one statement of a cell as a task on the loop, and the loop until that task is done.
     *
     * @param cell the cell's name, which the task takes
     * @param code the statement
     * @return the statement's value
     */
    Object run(String cell, SnippetRunner.SnippetCode code) throws Exception {
        Task<?>[] statement = new Task<?>[1];
        try {
            return runner().run(Coroutine.of(() -> {
                statement[0] = Task.currentTask();
                statement[0].setName(cell);
                return code.call();
            }));
        } catch (KeyboardInterrupt interrupt) {
            // Its stack would be the kernel's machinery: say what happened instead.
            KeyboardInterrupt stopped = new KeyboardInterrupt("the cell was stopped while it awaited; what it awaited"
                    + " was cancelled, and the kernel's loop keeps its other tasks");
            stopped.setStackTrace(new StackTraceElement[0]);
            throw stopped;
        } finally {
            // Stopped outright (a second Stop): the task must not carry on in whichever cell next awaits.
            if (statement[0] != null && !statement[0].done()) {
                statement[0].cancel();
            }
        }
    }
}

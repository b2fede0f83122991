package asyncrt.tasks;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one event loop: which one is running now ({@code asyncio.current_task}) and
 * every one not yet done ({@code asyncio.all_tasks}). Kept in an intrusive list, so that
 * registering and finishing a task cost a few pointer writes.
 *
 * <p>Unlike CPython, which holds tasks weakly, a loop holds its pending tasks strongly: a task
 * you started and forgot keeps running instead of vanishing mid-flight.
 */
public final class LoopTasks {
    private Task<?> current;
    private Task<?> first;
    private int size;

    /** The task whose step is running now, or null. */
    public Task<?> current() {
        return current;
    }

    /** The tasks not yet done, oldest first. */
    public List<Task<?>> all() {
        List<Task<?>> tasks = new ArrayList<>(size);
        for (Task<?> t = first; t != null; t = t.nextLive) {
            tasks.add(t);
        }
        return tasks;
    }

    public int size() {
        return size;
    }

    void register(Task<?> task) {
        if (first == null) {
            first = task;
            task.prevLive = task;
        } else {
            Task<?> last = first.prevLive;
            last.nextLive = task;
            task.prevLive = last;
            first.prevLive = task;
        }
        size++;
    }

    void unregister(Task<?> task) {
        Task<?> next = task.nextLive;
        if (task == first) {
            first = next;
            if (next != null) {
                next.prevLive = task.prevLive;
            }
        } else {
            task.prevLive.nextLive = next;
            (next != null ? next : first).prevLive = task.prevLive;
        }
        task.nextLive = null;
        task.prevLive = null;
        size--;
    }

    void enter(Task<?> task) {
        if (current != null) {
            throw new IllegalStateException("Cannot enter into task " + task + " while another task " + current + " is being executed.");
        }
        current = task;
    }

    void leave(Task<?> task) {
        if (current != task) {
            throw new IllegalStateException("Leaving task " + task + " does not match the current task " + current + ".");
        }
        current = null;
    }
}

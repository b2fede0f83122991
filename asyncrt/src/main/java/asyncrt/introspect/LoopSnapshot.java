package asyncrt.introspect;

import java.util.List;

/**
 * An event loop's state at one moment: what the kernel's {@code %loop} and {@code %tasks}
 * show. {@code consistent} is false when the loop was busy in a callback and did not answer,
 * so the snapshot was read while it might change.
 */
public record LoopSnapshot(
        boolean running,
        boolean closed,
        boolean debug,
        double time,
        List<String> ready,
        List<TimerInfo> timers,
        List<IoInfo> io,
        List<TaskInfo> tasks,
        boolean consistent) {

    /** A timer in the heap: due in so many seconds (negative: overdue), its callback, whether cancelled. */
    public record TimerInfo(double dueIn, String callback, boolean cancelled) { }

    /** A channel the selector watches, and for what (read, write, read+write). */
    public record IoInfo(String channel, String interest) { }

    /** The task with this id, if the snapshot has it. */
    public java.util.Optional<TaskInfo> task(long id) {
        return tasks.stream().filter(t -> t.id() == id).findFirst();
    }
}

package asyncrt.introspect;

import java.util.List;

/**
 * One task as a snapshot saw it: what {@code python -m asyncio ps} shows of a task.
 *
 * @param id        the task's number ({@code Task.id()})
 * @param name      its name
 * @param state     running, ready, waiting, cancelling, done, cancelled or failed
 * @param stack     the coroutines it is suspended in, innermost first, each with file:line
 * @param awaiting  what the innermost coroutine waits on, or empty
 * @param awaitedBy the ids of the tasks waiting for this one (directly, or through a gather)
 * @param repr      the task's repr, asyncio-style
 */
public record TaskInfo(long id, String name, String state, List<FrameInfo> stack, String awaiting, List<Long> awaitedBy, String repr) {
    /** The innermost coroutine's name and place, or "" for a task that has not started. */
    public String where() {
        return stack.isEmpty() ? "" : stack.get(0).toString();
    }
}

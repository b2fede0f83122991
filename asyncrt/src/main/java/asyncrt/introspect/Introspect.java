package asyncrt.introspect;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.EventLoop;
import asyncrt.events.Handle;
import asyncrt.events.TimerHandle;
import asyncrt.internal.ThreadState;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks inside an event loop: the ready queue, the timers, the channels watched, and every task
 * with the chain of coroutines it is suspended in and what it waits for — CPython 3.14's
 * {@code asyncio.capture_call_graph} and {@code python -m asyncio ps} in one place.
 */
public final class Introspect {
    private static final long ANSWER_WITHIN_MS = 500;

    private Introspect() {}

    /**
     * A snapshot of {@code loop}. From the loop's own thread, or while the loop is not running, it
     * is read directly; from another thread the loop is asked to take it between two callbacks,
     * and if it does not answer within half a second (a callback is blocking it), it is read
     * anyway and marked inconsistent.
     */
    public static LoopSnapshot snapshot(EventLoop loop) {
        if (!loop.isRunning() || ThreadState.current().runningLoop == loop) {
            return take(loop, true);
        }
        CompletableFuture<LoopSnapshot> answer = new CompletableFuture<>();
        try {
            loop.callSoonThreadsafe(() -> answer.complete(take(loop, true)));
            return answer.get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
        } catch (Exception busyOrClosed) {
            return take(loop, false);
        }
    }

    private static LoopSnapshot take(EventLoop loop, boolean consistent) {
        double now = loop.time();
        List<Task<?>> tasks = loop.tasks().all();
        Map<Object, Task<?>> waitingOn = new HashMap<>();
        for (Task<?> task : tasks) {
            Object subject = WaitLabels.subject(task);
            if (subject != null) {
                waitingOn.putIfAbsent(subject, task);
            }
        }
        // A task whose step is due shows as the handle CPython would have queued for that step.
        List<String> ready = loop.readyHandles().stream()
                .map(r -> r instanceof Handle ? r.toString() : "<Handle " + r.describeCallback() + ">").toList();
        List<LoopSnapshot.TimerInfo> timers = new ArrayList<>();
        for (TimerHandle t : loop.scheduledTimers()) {
            timers.add(new LoopSnapshot.TimerInfo(t.when() - now, t.describeCallback() + wakes(waitingOn.get(t)), t.cancelled()));
        }
        List<LoopSnapshot.IoInfo> io = new ArrayList<>();
        loop.ioRegistrations().forEach((channel, interest) ->
                io.add(new LoopSnapshot.IoInfo(Channels.describe(channel) + wakes(waitingOn.get(channel)), interest)));
        Map<Future<?>, List<Long>> awaitedBy = awaiters(tasks);
        Task<?> current = loop.tasks().current();
        List<TaskInfo> infos = new ArrayList<>();
        for (Task<?> task : tasks) {
            infos.add(describe(task, current, awaitedBy.getOrDefault(task, List.of()), now));
        }
        return new LoopSnapshot(loop.isRunning(), loop.isClosed(), loop.getDebug(), now, ready, timers, io, infos, consistent);
    }

    private static String wakes(Task<?> task) {
        return task == null ? "" : " (wakes Task '" + task.getName() + "')";
    }

    /** For each future, the ids of the tasks suspended on it — directly, or on a gather or shield made of it. */
    private static Map<Future<?>, List<Long>> awaiters(List<Task<?>> tasks) {
        Map<Future<?>, List<Long>> awaitedBy = new HashMap<>();
        for (Task<?> task : tasks) {
            Future<?> waitingOn = task.waitingOn();
            if (waitingOn != null) {
                awaitedBy.computeIfAbsent(waitingOn, f -> new ArrayList<>()).add(task.id());
                for (Future<?> child : waitingOn.children()) {
                    awaitedBy.computeIfAbsent(child, f -> new ArrayList<>()).add(task.id());
                }
            }
        }
        return awaitedBy;
    }

    /**
     * A task as {@link TaskInfo}; {@code current} is the task running now, if any, and
     * {@code now} the loop's time, to say when the timer of a sleeping task is due.
     */
    public static TaskInfo describe(Task<?> task, Task<?> current, List<Long> awaitedBy, double now) {
        String state = state(task, current);
        return new TaskInfo(task.id(), task.getName(), state, stack(task),
                state.equals("running") ? "" : WaitLabels.describe(task, now), awaitedBy, task.toString());
    }

    private static String state(Task<?> task, Task<?> current) {
        if (task.done()) {
            if (task.cancelled()) {
                return "cancelled";
            }
            return task.peekException() != null ? "failed" : "done";
        }
        if (task == current) {
            return "running";
        }
        if (task.cancelling() > 0) {
            return "cancelling";
        }
        return task.waitingOn() != null ? "waiting" : "ready";
    }

    /** The task's coroutines, innermost first, each placed on the suspended stack. */
    private static List<FrameInfo> stack(Task<?> task) {
        Coroutine<?> root = task.getCoro();
        if (!root.started()) {
            return List.of(new FrameInfo(root.getName(), null, 0));
        }
        StackTraceElement[] frames = root.stackTrace();
        List<FrameInfo> stack = new ArrayList<>();
        int outermost = frames.length - 1;
        for (Coroutine<?> coro : root.awaitChain()) {
            int at = coro.findFrame(frames, outermost);
            if (at >= 0) {
                stack.add(0, new FrameInfo(coro.getName(), frames[at].getFileName(), frames[at].getLineNumber()));
                outermost = at - 1;
            } else {
                stack.add(0, new FrameInfo(coro.getName(), null, 0));
            }
        }
        return stack;
    }

    /**
     * Whether a task runs the loop's own housekeeping (a coroutine of the loop itself, such as the shutdown of
     * the default executor that {@code asyncio.run} ends with) rather than the program's work: pictures of the
     * program's tasks leave it out.
     */
    public static boolean isHousekeeping(Task<?> task) {
        String place = task.getCoro().bodyClassName();
        return place != null && place.startsWith("asyncrt.events.") && task.getCoro().inLibrary();
    }

    /**
     * Task {@code id}'s call graph in the shape of CPython 3.14's {@code format_call_graph}: its
     * coroutine stack, then the tasks awaiting it, recursively.
     */
    public static String formatCallGraph(LoopSnapshot snapshot, long id) {
        StringBuilder out = new StringBuilder();
        appendCallGraph(snapshot, id, "", out, new java.util.HashSet<>());
        return out.toString();
    }

    private static void appendCallGraph(LoopSnapshot snapshot, long id, String indent, StringBuilder out, java.util.Set<Long> seen) {
        TaskInfo task = snapshot.task(id).orElse(null);
        if (task == null || !seen.add(id)) {
            return;
        }
        out.append(indent).append("* Task(name='").append(task.name()).append("', id=").append(task.id()).append(")\n");
        if (!task.stack().isEmpty()) {
            out.append(indent).append("  + Call stack:\n");
            for (FrameInfo frame : task.stack()) {
                out.append(indent).append("  |   ").append(frame.file() == null ? "" : "File '" + frame.file() + "', line " + frame.line() + ", ")
                        .append("in ").append(frame.coroutine()).append("()\n");
            }
        }
        if (!task.awaitedBy().isEmpty()) {
            out.append(indent).append("  + Awaited by:\n");
            for (long awaiter : task.awaitedBy()) {
                appendCallGraph(snapshot, awaiter, indent + "     ", out, seen);
            }
        }
    }
}

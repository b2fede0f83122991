package asyncrt.introspect;

import asyncrt.coroutines.Coroutine;
import asyncrt.events.TimerHandle;
import asyncrt.internal.Repr;
import asyncrt.streams.SocketTransport;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.Locale;

/**
 * What a suspended task waits for, in words. {@link #of} is the short label of timelines and
 * traces: another task ({@code Task-3}), a gather ({@code gather(Task-2, Task-3)}), asyncrt's own
 * coroutine that holds the future ({@code sleep()}, {@code Queue.get()}, {@code StreamReader.read()}),
 * else the future itself. {@link #describe} adds what that wait is on, as the code that waits noted
 * it ({@link Coroutine#await(asyncrt.coroutines.Awaitable, Object)}): the timer of a sleep and when
 * it is due, the queue, the socket.
 */
final class WaitLabels {
    private WaitLabels() {}

    /** The short label. */
    static String of(Task<?> task) {
        Object last = task.getCoro().awaitedLast();
        if (last instanceof Task<?> other) {
            return other.getName();
        }
        if (last instanceof Future<?> future && !future.children().isEmpty()) {
            return "gather(" + String.join(", ", future.children().stream()
                    .map(f -> f instanceof Task<?> t ? t.getName() : "future").toList()) + ")";
        }
        if (last == null) {
            return "sleep(0)";
        }
        String own = ownCoroutine(innermost(task));
        return own != null ? own : Repr.of(last);
    }

    /**
     * The full description: what {@link #of} says, and what the wait is on; {@code now} is the
     * loop's time, to say when a timer is due. Empty for a task that has not started or is done.
     */
    static String describe(Task<?> task, double now) {
        if (task.done() || !task.getCoro().started()) {
            return "";
        }
        Object last = task.getCoro().awaitedLast();
        if (last instanceof Task<?> other) {
            return "Task '" + other.getName() + "' (" + other.id() + ")";
        }
        if (last instanceof Future<?> future && !future.children().isEmpty()) {
            List<Future<?>> children = future.children();
            StringBuilder s = new StringBuilder("gather of ");
            for (int i = 0; i < children.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(children.get(i) instanceof Task<?> t ? t.getName() : Repr.of(children.get(i)));
            }
            return s.toString();
        }
        if (last == null) {
            return task.waitingOn() == null ? "the next turn (sleep(0))" : "";
        }
        Coroutine<?> innermost = innermost(task);
        String own = ownCoroutine(innermost);
        String what = own != null ? own : Repr.of(last);
        Object subject = innermost.waitSubject();
        if (subject instanceof TimerHandle timer) {
            if (own != null && !timer.callback().getClass().isHidden()) {
                what = timer.callback().toString();  // sleep(2) rather than sleep()
            }
            double dueIn = timer.when() - now;
            return what + String.format(Locale.ROOT, dueIn >= 0 ? " until loop time %.3f (in %.3f s)"
                    : " until loop time %.3f (due %.3f s ago: it wakes when the loop next runs)", timer.when(), Math.abs(dueIn));
        }
        if (subject instanceof SocketTransport || subject instanceof SelectableChannel) {
            return what + " on " + Channels.describe(subject(task));
        }
        return subject == null ? what : what + " on " + subject;
    }

    /**
     * What the task's innermost coroutine noted its wait is for, or null; for a stream's
     * transport, its socket (so that it matches the loop's I/O registrations).
     */
    static Object subject(Task<?> task) {
        Object subject = task.done() ? null : innermost(task).waitSubject();
        return subject instanceof SocketTransport transport ? transport.getExtraInfo("socket") : subject;
    }

    private static Coroutine<?> innermost(Task<?> task) {
        List<Coroutine<?>> chain = task.getCoro().awaitChain();
        return chain.get(chain.size() - 1);
    }

    /**
     * An asyncrt coroutine by the name it is called by: a module-level function as itself
     * ({@code sleep()}), a method with its class ({@code Queue.get()}); null for the user's own.
     */
    private static String ownCoroutine(Coroutine<?> coroutine) {
        String place = coroutine.bodyClassName();
        if (place == null || !coroutine.inLibrary()) {
            return null;
        }
        boolean function = place.startsWith("asyncrt.combinators.") || place.equals("asyncrt.Asyncio");
        String type = place.substring(place.lastIndexOf('.') + 1);
        return (function ? "" : type + ".") + coroutine.getName() + "()";
    }
}

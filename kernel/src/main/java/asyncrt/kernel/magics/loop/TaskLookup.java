package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.kernel.magics.MagicException;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the task a magic names ({@code %where ticker}, {@code %cancel 12}): by id, or by name, among the shown loops' tasks. */
final class TaskLookup {

    /**
     * A task and the loop it belongs to.
     *
     * @param task the task
     * @param loop its loop, as shown
     */
    record Found(Task<?> task, ShownLoops.Shown loop) {
    }

    private TaskLookup() {
    }

    /**
     * The one task that {@code reference} names: a task id (a number, as {@code %tasks} shows) or a name.
     *
     * @param magic     the magic's name, for messages
     * @param reference what the user typed
     * @param loops     where to look
     * @throws MagicException when no task or several tasks match, saying which tasks there are
     */
    static Found find(String magic, String reference, List<ShownLoops.Shown> loops) throws MagicException {
        String wanted = reference.strip();
        if (wanted.isEmpty()) {
            throw new MagicException(magic + " needs a task: its id or its name, as %tasks lists them, e.g. " + magic + " ticker");
        }
        List<Found> all = new ArrayList<>();
        for (ShownLoops.Shown shown : loops) {
            EventLoop loop = shown.loop();
            for (Task<?> task : LoopAccess.call(loop, () -> loop.tasks().all())) {
                all.add(new Found(task, shown));
            }
        }
        List<Found> matches = all.stream()
                .filter(f -> wanted.matches("\\d+") ? f.task().id() == Long.parseLong(wanted) : f.task().getName().equals(wanted))
                .toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            String tasks = all.isEmpty() ? "there are no pending tasks on any open loop"
                    : "the pending tasks are: " + describe(all);
            throw new MagicException(magic + ": no pending task has the " + (wanted.matches("\\d+") ? "id " : "name ")
                    + wanted + "; " + tasks + ". Name one by its name or id (%tasks lists them).");
        }
        throw new MagicException(magic + ": " + matches.size() + " tasks are named " + wanted + " (" + describe(matches)
                + "); name one by its id.");
    }

    private static String describe(List<Found> tasks) {
        return tasks.stream().map(f -> f.task().getName() + " (id " + f.task().id() + ")").collect(Collectors.joining(", "));
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.events.Instrument;
import asyncrt.introspect.Introspect;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers every task of the program spawned while it is attached (not the loop's housekeeping), so that a view
 * can still show tasks after they finished.
 */
final class TaskRecorder implements Instrument {

    private final List<Task<?>> spawned = new ArrayList<>();

    @Override
    public synchronized void taskSpawned(Task<?> task) {
        if (!Introspect.isHousekeeping(task)) {
            spawned.add(task);
        }
    }

    /** The tasks spawned so far, in order. */
    synchronized List<Task<?>> spawned() {
        return List.copyOf(spawned);
    }
}

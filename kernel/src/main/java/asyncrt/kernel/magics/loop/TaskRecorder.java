package asyncrt.kernel.magics.loop;

import asyncrt.events.Instrument;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.List;

/** Remembers every task spawned while it is attached, so that a view can still show tasks after they finished. */
final class TaskRecorder implements Instrument {

    private final List<Task<?>> spawned = new ArrayList<>();

    @Override
    public synchronized void taskSpawned(Task<?> task) {
        spawned.add(task);
    }

    /** The tasks spawned so far, in order. */
    synchronized List<Task<?>> spawned() {
        return List.copyOf(spawned);
    }
}

package asyncrt.events;

import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.Arrays;
import java.util.List;

/**
 * The instruments attached to one loop, called in order. With none attached each call is an
 * empty loop over an empty array, which the JIT reduces to nothing.
 */
public final class Instruments {
    private Instrument[] attached = new Instrument[0];

    /** Attaches {@code instrument}; it hears every event from now on. */
    public void add(Instrument instrument) {
        Instrument[] next = Arrays.copyOf(attached, attached.length + 1);
        next[attached.length] = instrument;
        attached = next;
    }

    /** Detaches {@code instrument}; returns whether it was attached. */
    public boolean remove(Instrument instrument) {
        List<Instrument> list = new java.util.ArrayList<>(List.of(attached));
        boolean removed = list.remove(instrument);
        attached = list.toArray(new Instrument[0]);
        return removed;
    }

    public List<Instrument> list() {
        return List.of(attached);
    }

    void beforeRun(EventLoop loop) {
        for (Instrument i : attached) {
            i.beforeRun(loop);
        }
    }

    void afterRun(EventLoop loop) {
        for (Instrument i : attached) {
            i.afterRun(loop);
        }
    }

    public void taskSpawned(Task<?> task) {
        for (Instrument i : attached) {
            i.taskSpawned(task);
        }
    }

    public void taskScheduled(Task<?> task) {
        for (Instrument i : attached) {
            i.taskScheduled(task);
        }
    }

    public void stepBegins(Task<?> task) {
        for (Instrument i : attached) {
            i.beforeTaskStep(task);
        }
    }

    public void stepEnds(Task<?> task) {
        for (Instrument i : attached) {
            i.afterTaskStep(task);
        }
    }

    public void taskWaiting(Task<?> task, Future<?> future) {
        for (Instrument i : attached) {
            i.taskWaiting(task, future);
        }
    }

    public void taskExited(Task<?> task) {
        for (Instrument i : attached) {
            i.taskExited(task);
        }
    }

    void beforeIoWait(double timeout) {
        for (Instrument i : attached) {
            i.beforeIoWait(timeout);
        }
    }

    void afterIoWait(double timeout) {
        for (Instrument i : attached) {
            i.afterIoWait(timeout);
        }
    }
}

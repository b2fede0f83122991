package asyncrt.events;

import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.Arrays;
import java.util.List;

/**
 * The instruments attached to one loop, called in order. With none attached each call is an
 * empty loop over an empty array, which the JIT reduces to nothing.
 *
 * <p>Instruments may be attached and detached from any thread, also while the loop runs (a
 * monitor attaching to a running loop): the array is replaced, never changed in place, so the
 * loop sees either the old set or the new one. The hooks themselves run on the loop's thread.
 */
public final class Instruments {
    private volatile Instrument[] attached = new Instrument[0];

    /** Attaches {@code instrument}; it hears every event from now on. */
    public synchronized void add(Instrument instrument) {
        Instrument[] now = attached;
        Instrument[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = instrument;
        attached = next;
    }

    /** Detaches {@code instrument}; returns whether it was attached. */
    public synchronized boolean remove(Instrument instrument) {
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

package asyncrt.introspect;

import asyncrt.events.EventLoop;
import asyncrt.events.Instrument;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints every event of a loop as it happens, in the spirit of the tracer of Trio's tutorial:
 * tasks spawned, scheduled, stepped and exited, and the loop waiting for I/O. Attach it with
 * {@code loop.instruments().add(new Tracer())}. A host may extend it to leave some events out (the kernel's
 * {@code %trace} leaves out its own loop idling between cells).
 */
public class Tracer implements Instrument {
    private final Supplier<PrintStream> out;
    private long ioWaitStart;

    /** A tracer that prints to whatever {@code System.out} is at each event. */
    public Tracer() {
        this(() -> System.out);
    }

    public Tracer(Supplier<PrintStream> out) {
        this.out = out;
    }

    private void say(String line) {
        out.get().println("### " + line);
    }

    @Override
    public void beforeRun(EventLoop loop) {
        say("starting run");
    }

    @Override
    public void afterRun(EventLoop loop) {
        say("finished run");
    }

    @Override
    public void taskSpawned(Task<?> task) {
        say("new task spawned: " + task.getName());
    }

    @Override
    public void taskScheduled(Task<?> task) {
        say("task scheduled: " + task.getName());
    }

    @Override
    public void beforeTaskStep(Task<?> task) {
        say("about to run one step of task: " + task.getName());
    }

    @Override
    public void afterTaskStep(Task<?> task) {
        say("task step finished: " + task.getName());
    }

    @Override
    public void taskWaiting(Task<?> task, Future<?> future) {
        say("task " + task.getName() + " waits on " + WaitLabels.of(task));
    }

    @Override
    public void taskExited(Task<?> task) {
        say("task exited: " + task.getName());
    }

    @Override
    public void beforeIoWait(double timeout) {
        ioWaitStart = System.nanoTime();
        say(Double.isInfinite(timeout) ? "waiting for I/O with no deadline"
                : String.format(Locale.ROOT, "waiting for I/O for up to %.3f seconds", timeout));
    }

    @Override
    public void afterIoWait(double timeout) {
        say(String.format(Locale.ROOT, "finished I/O check (took %.3f seconds)", (System.nanoTime() - ioWaitStart) / 1e9));
    }
}

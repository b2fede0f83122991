package asyncrt.kernel.magics.loop;

import asyncrt.introspect.Timeline;
import asyncrt.kernel.display.Display;
import asyncrt.kernel.display.TimelinePicture;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import asyncrt.events.Instrument;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code %%timeline}: runs the cell with a {@link Timeline} attached to every loop that runs in it, then draws
 * what they did as a Gantt chart — SVG in a notebook, text in a console — also when the cell failed: the loops
 * {@code Asyncio.run} made in the cell if any (the kernel's loop only waited for them meanwhile), else the
 * kernel's loop.
 */
final class TimelineMagic {

    private static final int TEXT_COLUMNS = 72;
    /** The name of the task a statement of a cell runs as on the kernel's loop. */
    private static final Pattern CELL_STATEMENT = Pattern.compile("In \\[\\d+]");

    private TimelineMagic() {
    }

    static void register(MagicRegistry registry, ShownLoops loops) {
        registry.cell("timeline", """
                %%timeline
                Runs the cell and draws what the event loop did meanwhile: one lane per task with its running slices
                (solid) and its waits (hatched, labelled with what it waited for: sleep(1), Queue.get(), another
                task...), the lines it printed (a numbered triangle at that moment, the lines listed under the
                picture), and the loop's own waits for I/O or timers (grey), on a time axis in ms. When the cell
                runs Asyncio.run(...), the loop that call makes is drawn; otherwise the kernel's loop, where the
                cell's own statements are tasks named after the cell (In [5]) beside the tasks they await or that
                run meanwhile. An SVG picture in a notebook, text in a console (# running, . waiting, ~ the loop
                waiting).""", (args, body, context) -> run(args, body, context, loops));
    }

    private static Optional<Value> run(String args, String body, MagicContext context, ShownLoops loops) throws Exception {
        if (!args.isBlank()) {
            throw new MagicException("%%timeline takes no arguments: put it alone on the first line, the code below it");
        }
        Timeline kernels = new Timeline();
        Timeline others = new Timeline();
        PrintStream out = System.out;
        System.setOut(new MarkingStream(out, kernels, others));
        try (LoopWatch watch = new LoopWatch(loop -> new Either(() -> loops.isKernels(loop), kernels, others))) {
            return context.runCode(body);
        } finally {
            System.setOut(out);
            show(others.laneCount() > 0 ? others : kernels);
        }
    }

    /**
     * The kernel's timeline or the other one, chosen at each event: the kernel's loop may be made while the cell
     * runs, and be attached before the kernel knows it as its own.
     */
    record Either(BooleanSupplier kernels, Timeline kernel, Timeline other) implements Instrument {
        private Timeline now() {
            return kernels.getAsBoolean() ? kernel : other;
        }

        @Override
        public void taskSpawned(Task<?> task) {
            now().taskSpawned(task);
        }

        @Override
        public void beforeTaskStep(Task<?> task) {
            now().beforeTaskStep(task);
        }

        @Override
        public void afterTaskStep(Task<?> task) {
            now().afterTaskStep(task);
        }

        @Override
        public void taskWaiting(Task<?> task, Future<?> future) {
            now().taskWaiting(task, future);
        }

        @Override
        public void taskExited(Task<?> task) {
            now().taskExited(task);
        }

        @Override
        public void beforeIoWait(double timeout) {
            now().beforeIoWait(timeout);
        }

        @Override
        public void afterIoWait(double timeout) {
            now().afterIoWait(timeout);
        }
    }

    /**
     * Standard output while the cell runs: each line printed with {@code println} by a task of a loop the timelines
     * record is marked on that task's lane, at that moment, then printed as usual.
     */
    static final class MarkingStream extends PrintStream {
        private final Timeline[] timelines;

        MarkingStream(PrintStream out, Timeline... timelines) {
            super(out, true, StandardCharsets.UTF_8);
            this.timelines = timelines;
        }

        private void mark(String line) {
            for (Timeline timeline : timelines) {
                timeline.mark(line);
            }
        }

        @Override
        public void println(String line) {
            mark(line);
            super.println(line);
        }

        @Override
        public void println(Object line) {
            mark(String.valueOf(line));
            super.println(line);
        }
    }

    private static void show(Timeline timeline) {
        boolean onlyStatements = timeline.lanes().stream()
                .filter(lane -> !lane.spans().isEmpty() && !lane.coroutine().isEmpty())
                .allMatch(lane -> CELL_STATEMENT.matcher(lane.name()).matches());
        if (onlyStatements) {
            System.out.println("%%timeline: nothing to draw: only the cell's own statements ran, and no task waited"
                    + " or ran beside them (Asyncio.run(...), createTask(...) or a top-level await(...) in the cell"
                    + " is what gets drawn)");
            return;
        }
        Display.display(TimelinePicture.of(timeline, TEXT_COLUMNS));
    }
}

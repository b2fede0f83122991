package asyncrt.kernel.magics.loop;

import asyncrt.introspect.Timeline;
import asyncrt.kernel.display.Display;
import asyncrt.kernel.display.TimelinePicture;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Optional;

/**
 * {@code %%timeline}: runs the cell with a {@link Timeline} attached to every loop that runs in it, then draws
 * what the loops did as a Gantt chart — SVG in a notebook, text in a console — also when the cell failed.
 */
final class TimelineMagic {

    private static final int TEXT_COLUMNS = 72;

    private TimelineMagic() {
    }

    static void register(MagicRegistry registry) {
        registry.cell("timeline", """
                %%timeline
                Runs the cell and draws what the event loop did meanwhile: one lane per task with its running slices
                (solid) and its waits (hatched, labelled with what it waited for: sleep(), Queue.get(), another
                task...), and the loop's own waits for I/O or timers (grey), on a time axis in ms. Every loop that
                runs in the cell is recorded: the one Asyncio.run makes, or the kernel's loop when the cell awaits
                at top level. An SVG picture in a notebook, text in a console (# running, . waiting, ~ the loop
                waiting).""", TimelineMagic::run);
    }

    private static Optional<Value> run(String args, String body, MagicContext context) throws Exception {
        if (!args.isBlank()) {
            throw new MagicException("%%timeline takes no arguments: put it alone on the first line, the code below it");
        }
        Timeline timeline = new Timeline();
        try (LoopWatch watch = new LoopWatch(loop -> timeline)) {
            return context.runCode(body);
        } finally {
            show(timeline);
        }
    }

    private static void show(Timeline timeline) {
        if (timeline.laneCount() == 0) {
            System.out.println("%%timeline: no event loop ran in this cell, so there is nothing to draw"
                    + " (Asyncio.run(...) or a top-level await(...) in the cell is what gets drawn)");
            return;
        }
        Display.display(TimelinePicture.of(timeline, TEXT_COLUMNS));
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Optional;

/** {@code %%live [SECONDS]}: runs the cell under a {@link LiveView} of its loops' tasks. */
final class LiveMagic {

    private static final double DEFAULT_INTERVAL = 0.25;

    private final ShownLoops loops;

    LiveMagic(ShownLoops loops) {
        this.loops = loops;
    }

    void register(MagicRegistry registry) {
        registry.cell("live", """
                %%live [SECONDS]
                Runs the cell and, while it runs, shows its tasks in a table that redraws in place every SECONDS
                (default 0.25): each task's id, name, state (ready, running, waiting, done, cancelled, failed), where
                it stands (coroutine, cell and line) and what it waits for. Watch tasks start, wait and finish. Tasks
                of every loop that runs in the cell are shown (the kernel's loop, and the one Asyncio.run makes), and
                the last state stays in the output when the cell ends.""", this::run);
    }

    private Optional<Value> run(String args, String body, MagicContext context) throws Exception {
        double interval = interval(args);
        TaskRecorder recorder = new TaskRecorder();
        try (LoopWatch watch = new LoopWatch(loop -> recorder);
             LiveView view = new LiveView(watch, recorder, loops, context.evaluator(), interval)) {
            return context.runCode(body);
        }
    }

    private static double interval(String args) throws MagicException {
        if (args.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        try {
            double seconds = Double.parseDouble(args.strip());
            if (seconds >= 0.05 && seconds <= 10) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MagicException("%%live takes how often to redraw, in seconds from 0.05 to 10 (default 0.25), not '"
                + args.strip() + "'");
    }
}

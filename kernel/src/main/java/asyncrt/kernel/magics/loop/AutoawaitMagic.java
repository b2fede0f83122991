package asyncrt.kernel.magics.loop;

import asyncrt.kernel.kernelloop.AutoAwait;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Optional;

/** {@code %autoawait on|off}: top-level await ({@link AutoAwait}) on or off. */
final class AutoawaitMagic {

    private AutoawaitMagic() {
    }

    static void register(MagicRegistry registry, AutoAwait autoAwait) {
        registry.line("autoawait", """
                %autoawait [on|off]
                Top-level await, on by default: a cell whose own statements call await(...) (not only inside
                async(() -> ...) bodies) runs on an event loop the kernel keeps from cell to cell, as IPython's
                autoawait does:

                    Task<String> job = createTask(fetch(), "job");   // a task on the kernel's loop
                    await(sleep(0.5));                               // the loop runs while the cell waits

                and in a later cell, await(job) gets its result.

                How it differs from Asyncio.run(main()): Asyncio.run makes a new loop, runs main to the end, then
                cancels the tasks left over and closes the loop, so nothing of it outlives the call. The kernel's
                loop stays: a task made in one cell still exists in the next and runs whenever a cell awaits (between
                cells the loop does not turn), and %loop and %tasks show it. Asyncio.run cannot be called in a cell
                that awaits at top level, since a loop is running there. The Stop button cancels what the cell awaits
                (it ends with KeyboardInterrupt) and leaves the loop, its tasks and the cell's definitions alone.

                Without an argument, says whether it is on. Off: await(...) among a cell's own statements is an
                error, as in plain Java.""", (args, context) -> autoawait(args, autoAwait));
    }

    private static Optional<Value> autoawait(String args, AutoAwait autoAwait) throws MagicException {
        switch (args.strip()) {
            case "on" -> autoAwait.enable(true);
            case "off" -> autoAwait.enable(false);
            case "" -> { }
            default -> throw new MagicException("%autoawait takes on or off, not '" + args.strip() + "'");
        }
        System.out.println("%autoawait is " + (autoAwait.enabled() ? "on: a cell may await(...) at top level, on the kernel's loop"
                : "off: await(...) works only inside coroutines (Asyncio.run(...))"));
        return Optional.empty();
    }
}

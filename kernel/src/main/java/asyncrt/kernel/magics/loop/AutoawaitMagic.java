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
                Top-level await, on by default: a cell may call await(...) among its own statements (not only inside
                async(() -> ...) bodies), as IPython's autoawait allows. Every statement of a cell runs as a task of
                the kernel's event loop, which runs all the time, between cells too:

                    Task<String> job = createTask(fetch(), "job");   // a task on the kernel's loop
                    await(sleep(0.5));                               // this statement waits; the loop runs on

                and in a later cell, await(job) gets its result (or job.done() tells, since the task went on by
                itself meanwhile).

                How it differs from Asyncio.run(main()): Asyncio.run makes a new loop, runs main to the end, then
                cancels the tasks left over and closes the loop, so nothing of it outlives the call; the kernel's
                loop waits meanwhile. The kernel's loop stays: a task made in one cell goes on while the kernel is
                idle, and %loop and %tasks show it. The Stop button cancels what the cell awaits (it ends with
                KeyboardInterrupt) and leaves the loop, its other tasks and the cell's definitions alone.

                Without an argument, says whether it is on. Off: a cell's statements run as plain callbacks of the
                kernel's loop, where await(...) outside a coroutine is an error, as in plain Java.""", (args, context) -> autoawait(args, autoAwait));
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

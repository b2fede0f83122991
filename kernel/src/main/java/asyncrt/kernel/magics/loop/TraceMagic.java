package asyncrt.kernel.magics.loop;

import asyncrt.introspect.Tracer;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.util.Optional;

/** {@code %trace on|off}: a {@link Tracer} on every loop, printing each event into the output of the cell that runs it. */
final class TraceMagic {

    private LoopWatch tracing;

    void register(MagicRegistry registry) {
        registry.line("trace", """
                %trace on|off
                With it on, every event loop prints what it does as it does it, into the output of the cell that runs
                it, in the spirit of the tracer in Trio's tutorial: a task spawned, scheduled, about to run a step,
                its step finished, what it waits on, exited; the loop waiting for I/O for up to so many seconds, and
                how long it took. Every loop: those open now and every one made later (as by Asyncio.run), until
                %trace off. Without an argument, says whether it is on.""", this::trace);
    }

    private synchronized Optional<Value> trace(String args, MagicContext context) throws MagicException {
        switch (args.strip()) {
            case "on" -> {
                if (tracing == null) {
                    tracing = new LoopWatch(loop -> new Tracer());
                }
                System.out.println("%trace is on: every loop prints its events (%trace off stops it)");
            }
            case "off" -> {
                if (tracing != null) {
                    tracing.close();
                    tracing = null;
                }
                System.out.println("%trace is off");
            }
            case "" -> System.out.println("%trace is " + (tracing == null ? "off" : "on"));
            default -> throw new MagicException("%trace takes on or off, not '" + args.strip() + "'");
        }
        return Optional.empty();
    }
}

package asyncrt.kernel.shell;

import asyncrt.events.Signal;
import asyncrt.events.Signals;
import asyncrt.kernel.util.Log;

/**
 * Hands the notebook's Stop button to asyncrt as SIGINT, as a terminal's Ctrl-C would: a loop's SIGINT
 * handler runs, or {@code Asyncio.run} cancels its main task.
 */
final class AsyncioSignals {

    /** Delivers SIGINT; true when a running asyncrt loop took it. */
    boolean deliverSigint() {
        try {
            return Signals.deliver(Signal.SIGINT);
        } catch (RuntimeException | LinkageError e) {
            Log.error("delivering SIGINT to asyncrt failed", e);
            return false;
        }
    }
}

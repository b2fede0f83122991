package asyncrt.kernel.shell;

import asyncrt.kernel.Log;
import java.lang.reflect.Method;

/**
 * Hands the notebook's Stop button to asyncrt as SIGINT: {@code asyncrt.events.Signals.deliver(SIGINT)}, which
 * runs a loop's SIGINT handler or makes {@code Asyncio.run} cancel its main task. Looked up reflectively, so
 * that the kernel still works, falling back to stopping the cell, with an asyncrt that lacks signals.
 */
final class AsyncioSignals {

    private final Method deliver;
    private final Object sigint;

    AsyncioSignals() {
        Method method = null;
        Object signal = null;
        try {
            Class<?> signals = Class.forName("asyncrt.events.Signals");
            Class<?> signalType = Class.forName("asyncrt.events.Signal");
            method = signals.getMethod("deliver", signalType);
            signal = signalType.getField("SIGINT").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            Log.info("asyncrt has no signal delivery; interrupts stop the cell directly (" + e + ")");
        }
        deliver = method;
        sigint = signal;
    }

    /** Delivers SIGINT; true when a running asyncrt loop took it. */
    boolean deliverSigint() {
        if (deliver == null) {
            return false;
        }
        try {
            return (boolean) deliver.invoke(null, sigint);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.error("delivering SIGINT to asyncrt failed", e);
            return false;
        }
    }
}

package asyncrt.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The process's signal dispatch for asyncrt: the one place that talks to the JVM's signal
 * handling ({@code sun.misc.Signal}). Handlers stack up per signal and the newest one gets the
 * signal, as in Python where installing a handler replaces the previous one: {@code Asyncio.run}
 * installs one for SIGINT that cancels its main task, and {@code loop.addSignalHandler} called
 * inside it takes precedence. When the last handler goes, the JVM's own handling comes back
 * (SIGINT and SIGTERM then end the JVM).
 *
 * <p>{@link #deliver} hands a signal to the handlers as if the operating system had sent it;
 * the Jupyter kernel uses it for the notebook's Stop button.
 */
public final class Signals {
    private static final Map<Signal, Deque<Registration>> HANDLERS = new EnumMap<>(Signal.class);
    private static final Map<Signal, sun.misc.SignalHandler> JVM_HANDLERS = new EnumMap<>(Signal.class);

    private Signals() {}

    /** An installed handler; {@link #remove()} uninstalls it. */
    public static final class Registration {
        private final Signal signal;
        private final Runnable handler;

        private Registration(Signal signal, Runnable handler) {
            this.signal = signal;
            this.handler = handler;
        }

        /** Uninstalls the handler (harmless if already removed). */
        public void remove() {
            synchronized (HANDLERS) {
                Deque<Registration> stack = HANDLERS.get(signal);
                if (stack != null && stack.remove(this) && stack.isEmpty()) {
                    restoreJvmHandler(signal);
                }
            }
        }
    }

    /**
     * Installs {@code handler} for {@code signal}. It runs on whatever thread the signal is
     * delivered on, so it must only hand work over (e.g. with {@code callSoonThreadsafe}).
     */
    public static Registration install(Signal signal, Runnable handler) {
        Registration registration = new Registration(signal, handler);
        synchronized (HANDLERS) {
            Deque<Registration> stack = HANDLERS.computeIfAbsent(signal, s -> new ArrayDeque<>());
            if (stack.isEmpty()) {
                takeOverFromJvm(signal);
            }
            stack.push(registration);
        }
        return registration;
    }

    /** Gives {@code signal} to the newest handler, as if the OS sent it; false if asyncrt has no handler for it. */
    public static boolean deliver(Signal signal) {
        Registration top;
        synchronized (HANDLERS) {
            Deque<Registration> stack = HANDLERS.get(signal);
            top = stack == null ? null : stack.peek();
        }
        if (top == null) {
            return false;
        }
        top.handler.run();
        return true;
    }

    private static void takeOverFromJvm(Signal signal) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal(signal.osName()), s -> {
                if (!deliver(signal)) {
                    passToJvm(signal, s);
                }
            });
            JVM_HANDLERS.put(signal, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException reservedByJvm) {
            // e.g. under -Xrs: the OS signal stays the JVM's, and deliver() still works in-process.
        }
    }

    private static void restoreJvmHandler(Signal signal) {
        sun.misc.SignalHandler previous = JVM_HANDLERS.remove(signal);
        if (previous != null) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal.osName()), previous);
        }
    }

    private static void passToJvm(Signal signal, sun.misc.Signal s) {
        sun.misc.SignalHandler previous;
        synchronized (HANDLERS) {
            previous = JVM_HANDLERS.get(signal);
        }
        if (previous != null && previous != sun.misc.SignalHandler.SIG_DFL && previous != sun.misc.SignalHandler.SIG_IGN) {
            previous.handle(s);
        }
    }
}

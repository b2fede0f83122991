package asyncrt.events;

import asyncrt.contextvars.Context;
import asyncrt.internal.FoldedTrace;
import asyncrt.tasks.Task;
import java.io.PrintStream;
import java.util.Map;

/**
 * How the default exception handler writes a report ({@link EventLoop#defaultExceptionHandler}): the message,
 * the other keys sorted, the exception's stack trace, in the context of the task or callback the report is
 * about.
 */
final class ErrorReport {
    private ErrorReport() {}

    /**
     * Writes {@code context} to standard error: the message, the other keys, then the exception's stack trace,
     * with asyncrt's and the JDK's machinery folded away unless {@code debug}.
     */
    static void write(Map<String, Object> context, boolean debug) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        StringBuilder out = new StringBuilder(String.valueOf(message));
        context.entrySet().stream()
                .filter(e -> !e.getKey().equals("message") && !e.getKey().equals("exception"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append('\n').append(e.getKey()).append(": ").append(describe(e.getValue())));
        Runnable report = () -> {
            PrintStream err = System.err;
            synchronized (err) {
                err.println(out);
                if (context.get("exception") instanceof Throwable t) {
                    if (debug) {
                        t.printStackTrace(err);
                    } else {
                        err.print(FoldedTrace.of(t));
                    }
                }
            }
        };
        Context concerned = contextConcerned(context);
        if (concerned == null) {
            report.run();
        } else {
            // In the context of the task or callback it is about: a host that routes output by context variable
            // (the Jupyter kernel sends it to the cell that created the task) shows it there.
            concerned.copy().run(report);
        }
    }

    /** The context of the task, future or callback an error report is about, or null. */
    private static Context contextConcerned(Map<String, Object> context) {
        for (String key : new String[] {"task", "future"}) {
            if (context.get(key) instanceof Task<?> task) {
                return task.getContext();
            }
        }
        return context.get("handle") instanceof Ready ready ? ready.getContext() : null;
    }

    private static String describe(Object value) {
        if (value instanceof StackTraceElement[] trace) {
            StringBuilder s = new StringBuilder("(most recent call first)");
            for (StackTraceElement frame : trace) {
                s.append("\n  at ").append(frame);
            }
            return s.toString();
        }
        return String.valueOf(value);
    }
}

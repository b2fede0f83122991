package asyncrt.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An exception's stack trace as a reader of their own code wants it: the frames of asyncrt's machinery, of
 * continuations and of reflection are folded into one line ({@code ... 14 frames of asyncrt and the JDK}), and
 * frames of code a host compiled are named by the host ({@link CodeNames}, e.g. {@code In [3], line 2}). The
 * loop's default exception handler prints this; in debug mode it prints the whole trace instead.
 */
public final class FoldedTrace {
    private FoldedTrace() {}

    /** The folded trace of {@code t} and its causes, one frame a line, ending with a line break. */
    public static String of(Throwable t) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable e = t; e != null && seen.add(e); e = e.getCause()) {
            out.append(prefix).append(e).append('\n');
            appendFrames(out, e.getStackTrace());
            prefix = "Caused by: ";
        }
        return out.toString();
    }

    private static void appendFrames(StringBuilder out, StackTraceElement[] frames) {
        int end = loopEntry(frames);
        int folded = 0;
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            if (isMachinery(frame)) {
                folded++;
                continue;
            }
            folded = flush(out, folded, "");
            String hosts = CodeNames.ofFrame(frame);
            out.append("\tat ").append(hosts != null ? hosts : frame.toString()).append('\n');
        }
        boolean started = end < frames.length;
        flush(out, folded + frames.length - end, started ? ", and of what started the loop" : "");
    }

    /**
     * The index past the outermost frame of an event loop's run, or the trace's length: the frames beneath it
     * only say how the loop was started, the same for every error reported on it (asyncio's tracebacks of a
     * task's error start at the task).
     */
    private static int loopEntry(StackTraceElement[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            String type = frames[i].getClassName();
            if (type.startsWith("asyncrt.events.BaseEventLoop") || type.startsWith("asyncrt.events.EventLoop")) {
                return i + 1;
            }
        }
        return frames.length;
    }

    private static int flush(StringBuilder out, int folded, String more) {
        if (folded > 0) {
            out.append("\t... ").append(folded).append(folded == 1 ? " frame" : " frames").append(" of asyncrt and the JDK")
                    .append(more).append('\n');
        }
        return 0;
    }

    /**
     * Frames that only say how the loop, a continuation or reflection got to the reader's code, and the JDK's
     * socket internals under a connection error (the error's message says what happened).
     */
    public static boolean isMachinery(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("asyncrt.") && !type.startsWith("asyncrt.examples.")
                || type.startsWith("jdk.internal.") || type.startsWith("sun.nio.ch.") || type.startsWith("java.lang.reflect.")
                || type.startsWith("java.lang.invoke.") || type.startsWith("java.lang.VirtualThread")
                || type.equals("java.lang.Thread") && (frame.getMethodName().startsWith("run"));
    }
}

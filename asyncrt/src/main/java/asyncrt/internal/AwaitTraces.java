package asyncrt.internal;

import asyncrt.coroutines.GeneratorExit;
import asyncrt.tasks.CancelledError;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Gives an exception the frames of the coroutine that awaited it. In Python a traceback grows as the exception
 * passes up through frames: when a socket read fails in the loop's callback and the handler's
 * {@code await reader.read()} re-raises it, the traceback shows the handler's line. A Java stack trace is
 * fixed where the exception was made, on the loop's stack or another task's, so it would never name the
 * coroutine that awaited it.
 *
 * <p>When an exception is thrown into a coroutine at an await, its own frames down to the loop's run are kept
 * and the awaiting coroutine's frames follow them, from the await outwards, as if the failure had been raised
 * there. An exception is extended once, by its first awaiter: a failed future awaited by several coroutines
 * would otherwise pile up every awaiter's frames (CPython's traceback does pile them up).
 *
 * <p>A cancellation ({@code CancelledError}, and the {@code GeneratorExit} that closes a coroutine) is left as it
 * is. Cancelling is everyday control flow, every expired timeout cancels, and walking two stacks would cost
 * several times what the cancellation itself costs; its trace is seldom read.
 */
public final class AwaitTraces {
    /** Exceptions already extended; weak, so an exception forgotten by everyone else is not kept. */
    private static final Map<Throwable, Boolean> EXTENDED = Collections.synchronizedMap(new WeakHashMap<>());

    private AwaitTraces() {}

    /**
     * Adds the frames of the code running now, from {@code awaitedIn} (the class whose method hands the failure to
     * its awaiter) outwards, beneath {@code failure}'s own frames, unless they were added before.
     */
    public static void extend(Throwable failure, Class<?> awaitedIn) {
        if (failure instanceof CancelledError || failure instanceof GeneratorExit) {
            return;
        }
        StackTraceElement[] own = failure.getStackTrace();
        if (own.length == 0 || EXTENDED.put(failure, Boolean.TRUE) != null) {
            return;  // no stack trace kept (writableStackTrace false), or extended already
        }
        StackTraceElement[] here = new Throwable().getStackTrace();
        int from = 0;
        while (from < here.length && !here[from].getClassName().equals(awaitedIn.getName())) {
            from++;
        }
        if (from == here.length) {
            return;
        }
        int keep = ownFramesAboveTheLoop(own);
        StackTraceElement[] joined = Arrays.copyOf(own, keep + here.length - from);
        System.arraycopy(here, from, joined, keep, here.length - from);
        failure.setStackTrace(joined);
    }

    /** How many of the trace's frames come before the loop's run: beneath it, both traces repeat how it began. */
    private static int ownFramesAboveTheLoop(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            String type = frames[i].getClassName();
            if (type.startsWith("asyncrt.events.BaseEventLoop") || type.startsWith("asyncrt.events.EventLoop")) {
                return i;
            }
        }
        return frames.length;
    }
}

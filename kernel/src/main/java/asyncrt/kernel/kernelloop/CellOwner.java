package asyncrt.kernel.kernelloop;

import asyncrt.contextvars.Context;
import asyncrt.contextvars.ContextVar;

/**
 * Which cell's output this is, kept in a context variable as ipykernel keeps its parent header: each cell's
 * statements run with the variable set to that cell's request, and a task copies its creator's context, so
 * what a task prints goes to the cell that created it — also long after that cell has finished.
 */
public final class CellOwner {

    /** The execute request (the kernel's message object) whose cell made the code running now. */
    private static final ContextVar<Object> REQUEST = new ContextVar<>("cell request", null);

    private CellOwner() {
    }

    /** The request whose cell owns the code running on this thread now, or null when no cell does. */
    public static Object here() {
        return REQUEST.get(null);
    }

    /** The request whose cell created the task or callback that runs in {@code context}, or null. */
    public static Object of(Context context) {
        return context == null ? null : context.get(REQUEST);
    }

    /** Makes {@code request} the owner in {@code context} (which must not be running code at the moment). */
    static void set(Context context, Object request) {
        context.run(() -> REQUEST.set(request));
    }
}

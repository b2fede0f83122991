package asyncrt.kernel.execution.exitguard;

/**
 * Where cell code's calls to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} land instead
 * (see {@link ExitCallRewriter}): each throws {@link ExitRefusedException}, so the cell fails with a clear
 * message and the kernel, which runs cells in its own JVM, stays up with everything defined so far.
 */
public final class ExitGuard {

    private ExitGuard() {
    }

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new ExitRefusedException("System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.halt(" + status + ")");
    }
}

package asyncrt.kernel.execution.exitguard;

/** Thrown in a cell that tries to end the JVM, which is the kernel itself. */
public final class ExitRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param call the refused call, e.g. {@code System.exit(0)} */
    public ExitRefusedException(String call) {
        super(call + " refused: cells run inside the kernel, so this would end the kernel."
                + " Use the front end's Restart Kernel to start afresh.");
    }
}

package asyncrt.kernel.execution;

/**
 * The value of a cell's last expression.
 *
 * @param object the value itself, when the kernel could read it back (null otherwise, or when it is null)
 * @param known  whether {@code object} is the value
 * @param text   JShell's text for the value, always there
 */
public record Value(Object object, boolean known, String text) {

    /** A value the kernel holds itself. */
    public static Value of(Object object) {
        return new Value(object, true, KernelExecutionControl.textOf(object));
    }
}

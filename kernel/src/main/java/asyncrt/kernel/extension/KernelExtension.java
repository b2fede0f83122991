package asyncrt.kernel.extension;

/**
 * A kernel extension, found with {@link java.util.ServiceLoader} on the kernel's class path and in every jar
 * added to the cells' class path (list the class in {@code META-INF/services/asyncrt.kernel.extension.KernelExtension}).
 * Each extension class is loaded once.
 */
@FunctionalInterface
public interface KernelExtension {

    /** Registers the extension's magics, renderers or start-up code. */
    void load(KernelContext context) throws Exception;
}

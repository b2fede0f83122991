package asyncrt.kernel.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One kernel process for all tests of a class: {@code @RegisterExtension static final SharedKernel KERNEL =
 * new SharedKernel(KernelProcess.builder())} starts it before the first test and stops it after the last.
 */
public final class SharedKernel implements BeforeAllCallback, AfterAllCallback {

    private final KernelProcess.Builder builder;
    private KernelProcess kernel;

    /** @param builder how to start the kernel */
    public SharedKernel(KernelProcess.Builder builder) {
        this.builder = builder;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kernel = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** The running kernel. */
    public KernelProcess process() {
        return kernel;
    }

    /** Its client. */
    public KernelClient client() {
        return kernel.client();
    }
}

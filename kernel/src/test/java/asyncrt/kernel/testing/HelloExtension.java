package asyncrt.kernel.testing;

import asyncrt.kernel.extension.KernelContext;
import asyncrt.kernel.extension.KernelExtension;
import java.util.Optional;

/** A kernel extension on the test class path, found by ServiceLoader: registers {@code %hello NAME}. */
public final class HelloExtension implements KernelExtension {

    @Override
    public void load(KernelContext context) {
        context.magics().line("hello", "%hello NAME\nGreets NAME (a test extension).", (args, magic) -> {
            System.out.println("hello, " + args);
            return Optional.empty();
        });
    }
}

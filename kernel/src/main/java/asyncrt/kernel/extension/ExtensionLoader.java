package asyncrt.kernel.extension;

import asyncrt.kernel.util.Log;
import java.util.HashSet;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds {@link KernelExtension}s in a class loader and loads each extension class once. */
public final class ExtensionLoader {

    private final KernelContext context;
    private final Set<String> loaded = new HashSet<>();

    /** @param context what extensions get */
    public ExtensionLoader(KernelContext context) {
        this.context = context;
    }

    /** Loads the extensions visible from a class loader that are not loaded yet; a failing one is logged. */
    public synchronized void loadFrom(ClassLoader loader) {
        try {
            for (ServiceLoader.Provider<KernelExtension> provider : ServiceLoader.load(KernelExtension.class, loader)
                    .stream().toList()) {
                String name = provider.type().getName();
                if (loaded.add(name)) {
                    try {
                        provider.get().load(context);
                        Log.info("loaded kernel extension " + name);
                    } catch (Exception | LinkageError e) {
                        Log.error("kernel extension " + name + " failed to load", e);
                    }
                }
            }
        } catch (ServiceConfigurationError e) {
            Log.error("a kernel extension is misconfigured", e);
        }
    }
}

package asyncrt.kernel.execution;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of the cells' class loader: it shows cells the JDK's modules and the {@code asyncrt} packages
 * (the runtime and this kernel's display API) from the kernel's class path, and hides the kernel's own
 * libraries (jeromq, gson, Maven Resolver), so that a cell that adds another version of one of them with
 * {@code %maven} gets that version.
 */
final class KernelApiClassLoader extends ClassLoader {

    private final ClassLoader kernelLoader;

    KernelApiClassLoader(ClassLoader kernelLoader) {
        super("kernel-api", ClassLoader.getPlatformClassLoader());
        this.kernelLoader = kernelLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> type = kernelLoader.loadClass(name);
        if (type.getModule().isNamed() || name.startsWith("asyncrt.")) {
            return type;
        }
        throw new ClassNotFoundException(name + " belongs to the kernel, not to cells");
    }

    @Override
    public URL getResource(String name) {
        URL url = kernelLoader.getResource(name);
        return url != null && visible(name, url) ? url : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        var visible = Collections.list(kernelLoader.getResources(name));
        visible.removeIf(url -> !visible(name, url));
        return Collections.enumeration(visible);
    }

    private static boolean visible(String name, URL url) {
        return url.getProtocol().equals("jrt") || name.startsWith("asyncrt/");
    }
}

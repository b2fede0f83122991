package asyncrt.kernel.execution;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the classes JShell compiles from cells, and the jars added to the class path with magics. */
final class SnippetClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("cells", new URL[0], parent);
    }

    /** Makes compiled bytes loadable under a class name. */
    void declare(String name, byte[] bytes) {
        compiled.put(name, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        return bytes == null ? super.findClass(name) : defineClass(name, bytes, 0, bytes.length);
    }

    /**
     * A cell's class file too, as {@code name.replace('.', '/') + ".class"}: code that ships classes elsewhere by
     * their bytes (asyncrt's ProcessPoolExecutor sends a cell's function to a worker JVM) reads them this way.
     */
    @Override
    public java.io.InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = compiled.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new java.io.ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    /** Loads classes from {@code entry}, a jar or a directory, too. */
    void addPath(Path entry) {
        try {
            addURL(entry.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + entry, e);
        }
    }
}

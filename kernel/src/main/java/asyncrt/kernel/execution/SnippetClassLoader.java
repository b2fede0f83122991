package asyncrt.kernel.execution;

import java.net.URL;
import java.net.URLClassLoader;
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

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}

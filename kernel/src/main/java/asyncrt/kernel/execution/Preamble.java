package asyncrt.kernel.execution;

import asyncrt.kernel.util.Log;
import asyncrt.kernel.display.Display;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What every session starts with, so that a learner writes {@code Asyncio.run(main())} or
 * {@code await(sleep(1))} with no import: the jshell tool's usual on-demand imports and {@code java.time} (as
 * JJava has it, so {@code LocalDate.now()} works), an on-demand import of each asyncrt package,
 * {@code import static asyncrt.Asyncio.*}, and the display functions.
 *
 * <p>Two on-demand imports that both offer a simple name make it ambiguous, so an asyncrt type whose simple
 * name is also a type of {@code java.lang}, of another on-demand package (asyncrt's {@code Future} and
 * {@code java.util.concurrent.Future}) or of another asyncrt package is also imported by single-type import,
 * which shadows them all: asyncrt's type wins, the root package's over a subpackage's.
 *
 * @implNote Single-type imports only where a name clashes: javac resolves every single-type import each time
 *     it compiles a snippet, and JShell compiles each snippet with all the session's imports, while an
 *     on-demand import costs only the names a cell uses.
 */
public final class Preamble {

    private static final List<String> ON_DEMAND = List.of("java.io", "java.math", "java.net", "java.nio.file",
            "java.time", "java.util", "java.util.concurrent", "java.util.function", "java.util.regex", "java.util.stream");
    private static final String FACADE = "asyncrt.Asyncio";
    private static final List<String> DISPLAY_FUNCTIONS =
            List.of("display", "updateDisplay", "render", "clearOutput", "html", "svg", "png", "markdown");

    private final List<Path> classpath;
    private final List<String> types;
    private final List<String> clashing;

    private Preamble(List<Path> classpath, List<String> types) {
        this.classpath = classpath;
        this.types = types;
        this.clashing = types.stream().filter(t -> clashes(t, types)).toList();
    }

    /** Finds asyncrt where the kernel loads it from (reading only that jar or directory, not every library's). */
    public static Preamble discover() {
        List<Path> entries = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Path asyncrt = codeSource(asyncrt.Asyncio.class);
        List<String> found = asyncrtTypes(asyncrt);
        if (!found.isEmpty()) {
            entries.add(asyncrt);
            types.addAll(found);
        }
        entries.add(codeSource(Display.class));
        if (types.isEmpty()) {
            Log.warn("asyncrt was not found on the class path; cells start without its imports");
        }
        // The root package last, so that its types win a clash of simple names.
        types.sort(Comparator.comparing((String t) -> packageOf(t).equals("asyncrt")).thenComparing(t -> t));
        return new Preamble(List.copyOf(entries), List.copyOf(types));
    }

    /** The jars or directories cells compile against: asyncrt and the kernel's display API. */
    public List<Path> classpath() {
        return classpath;
    }

    /** The public asyncrt types the imports make visible, the root package's last (they win a clash of names). */
    public List<String> types() {
        return types;
    }

    /**
     * The imports, in the order to give them. The display functions come first: JShell knows the start-up imports
     * given as one snippet by the first (see {@link StartupImports}), and a learner has no reason to import those.
     */
    public List<String> imports() {
        List<String> imports = new ArrayList<>();
        DISPLAY_FUNCTIONS.forEach(f -> imports.add("import static " + Display.class.getName() + "." + f + ";"));
        ON_DEMAND.forEach(p -> imports.add("import " + p + ".*;"));
        types.stream().map(Preamble::packageOf).distinct().forEach(p -> imports.add("import " + p + ".*;"));
        clashing.forEach(t -> imports.add("import " + t + ";"));
        if (types.contains(FACADE)) {
            imports.add("import static " + FACADE + ".*;");
        }
        return imports;
    }

    private static List<String> asyncrtTypes(Path entry) {
        List<String> names;
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry.resolve("asyncrt"))) {
                    names = files.map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/')).toList();
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    names = jar.stream().map(e -> e.getName()).toList();
                }
            } else {
                return List.of();
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return names.stream()
                .filter(n -> n.startsWith("asyncrt/") && n.endsWith(".class") && !n.contains("$"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .filter(Preamble::isRuntimePackage)
                .filter(Preamble::isPublic)
                .toList();
    }

    private static boolean isRuntimePackage(String type) {
        String pkg = packageOf(type);
        return !pkg.equals("asyncrt.kernel") && !pkg.startsWith("asyncrt.kernel.")
                && !List.of(pkg.split("\\.")).contains("internal") && !type.endsWith(".package-info");
    }

    private static boolean isPublic(String type) {
        try {
            return Modifier.isPublic(Class.forName(type, false, Preamble.class.getClassLoader()).getModifiers());
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** Whether another package the cells import on demand, or {@code java.lang}, has a type of this name. */
    private static boolean clashes(String type, List<String> asyncrtTypes) {
        String simple = simpleName(type);
        boolean inAsyncrt = asyncrtTypes.stream().anyMatch(t -> !t.equals(type) && simpleName(t).equals(simple));
        return inAsyncrt || Stream.concat(Stream.of("java.lang"), ON_DEMAND.stream())
                .anyMatch(p -> isPublicJdkType(p + "." + simple));
    }

    private static boolean isPublicJdkType(String type) {
        try {
            return Modifier.isPublic(Class.forName(type, false, ClassLoader.getPlatformClassLoader()).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the kernel's own classes", e);
        }
    }
}

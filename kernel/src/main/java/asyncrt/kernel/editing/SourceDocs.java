package asyncrt.kernel.editing;

import asyncrt.kernel.util.Log;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Documentation comments read from source: asyncrt's sources (shipped with the kernel), the sources jars of what
 * {@code %maven}, {@code %jars} and {@code %classpath} added (beside each jar, or fetched by Maven Resolver), and
 * the JDK's {@code lib/src.zip}. JShell itself reads the JDK's src.zip only; this finds the rest, by parsing the
 * declaring type's source with javac (no compiling) and picking the member by name and parameter types.
 */
final class SourceDocs {

    /** A member found in source. */
    record Found(String comment, String source) {
    }

    /** Where a type's classes come from, and what became of looking for its sources. */
    record Origin(Path jar, String problem) {
    }

    private static final int PARSED_CACHE = 64;

    private final SourcesResolver resolver;
    private final Map<Path, Optional<Path>> sourceRoots = new ConcurrentHashMap<>();
    private final Map<Path, FileSystem> openJars = new ConcurrentHashMap<>();
    private final Map<String, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PARSED_CACHE;
        }
    };
    private volatile List<Path> jdkRoots;
    private volatile Path asyncrtRoot;

    SourceDocs(SourcesResolver resolver) {
        this.resolver = resolver;
    }

    /** Whether this JDK has its sources ({@code lib/src.zip}), where JShell reads the JDK's Javadoc from. */
    static boolean jdkHasSources() {
        Path home = Path.of(System.getProperty("java.home"));
        return Files.isReadable(home.resolve("lib").resolve("src.zip")) || Files.isReadable(home.getParent().resolve("src.zip"));
    }

    /** Whether a type is the JDK's. */
    static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.") || type.startsWith("org.w3c.") || type.startsWith("org.xml.");
    }

    /**
     * A member's documentation comment (and its source) from the sources of its type.
     *
     * @param type      the declaring type, fully qualified ({@code a.b.Outer.Inner})
     * @param signature what to find in it
     * @param classpath the jars and directories the cells' classes come from, besides asyncrt and the JDK
     * @param wait      how long a sources jar being fetched may be waited for, in milliseconds
     */
    Optional<Found> find(String type, Signature signature, List<Path> classpath, long wait) {
        List<Path> roots = new ArrayList<>();
        if (isJdk(type)) {
            roots.addAll(jdkRoots());
        } else {
            asyncrtRoot().ifPresent(roots::add);
            for (Path entry : classpath) {
                if (contains(entry, type)) {
                    sourcesOf(entry, wait).ifPresent(roots::add);
                }
            }
        }
        for (Path root : roots) {
            Optional<Found> found = findIn(root, type, signature);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Why no documentation was found for a type that is not the JDK's: where its classes come from, and its sources. */
    String whyNone(String type, List<Path> classpath) {
        if (isJdk(type)) {
            return jdkHasSources() ? "no documentation comment in the JDK's sources"
                    : "this JDK has no lib/src.zip (its sources), which the JDK's Javadoc is read from; install the"
                    + " JDK's sources (Debian and Ubuntu: the openjdk-NN-source package) to see it";
        }
        if (type.startsWith("asyncrt.")) {
            return asyncrtRoot().isPresent() ? "no documentation comment in asyncrt's sources"
                    : "asyncrt's sources are not installed beside its jar (lib/sources in the kernelspec); ./install.sh puts them there";
        }
        for (Path entry : classpath) {
            if (contains(entry, type)) {
                Optional<Path> sources = sourceRoots.getOrDefault(entry, Optional.empty());
                if (sources.isPresent()) {
                    return "no documentation comment in the sources of " + entry.getFileName();
                }
                String problem = resolver.problem(entry);
                return "no sources jar for " + entry.getFileName() + (problem == null ? "" : " (" + problem + ")");
            }
        }
        return "no sources found for " + type;
    }

    private Optional<Found> findIn(Path root, String type, Signature signature) {
        String[] parts = type.split("\\.");
        for (int top = 1; top <= parts.length; top++) {
            Path file = root;
            for (int i = 0; i < top - 1; i++) {
                file = file.resolve(parts[i]);
            }
            file = file.resolve(parts[top - 1] + ".java");
            if (Files.isRegularFile(file)) {
                List<String> nesting = List.of(parts).subList(top - 1, parts.length);
                Parsed unit = parse(file);
                return unit == null ? Optional.empty() : unit.find(nesting, signature);
            }
        }
        return Optional.empty();
    }

    private Parsed parse(Path file) {
        String key = file.toUri().toString();
        synchronized (parsed) {
            Parsed known = parsed.get(key);
            if (known != null) {
                return known;
            }
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + file.getFileName()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
            JavacTask task = (JavacTask) javac.getTask(null, null, diagnostic -> { }, List.of("-proc:none"), null, List.of(source));
            CompilationUnitTree unit = task.parse().iterator().next();
            Parsed result = new Parsed(Trees.instance(task), unit, text);
            synchronized (parsed) {
                parsed.put(key, result);
            }
            return result;
        } catch (IOException | RuntimeException e) {
            Log.debug("cannot parse " + file + ": " + e);
            return null;
        }
    }

    /** A parsed source file. */
    private record Parsed(Trees trees, CompilationUnitTree unit, String text) {

        Optional<Found> find(List<String> nesting, Signature signature) {
            List<TreePath> candidates = new ArrayList<>();
            new TreePathScanner<Void, Void>() {
                private final List<String> classes = new ArrayList<>();

                @Override
                public Void visitClass(ClassTree tree, Void unused) {
                    classes.add(tree.getSimpleName().toString());
                    try {
                        if (classes.equals(nesting)) {
                            if (signature.isType()) {
                                candidates.add(getCurrentPath());
                                return null;
                            }
                            for (boolean exact : new boolean[] {true, false}) {
                                for (Tree member : tree.getMembers()) {
                                    if (candidates.isEmpty() || !exact) {
                                        if (matches(member, signature, exact)) {
                                            candidates.add(new TreePath(getCurrentPath(), member));
                                        }
                                    }
                                }
                                if (!candidates.isEmpty()) {
                                    break;
                                }
                            }
                            return null;
                        }
                        return super.visitClass(tree, null);
                    } finally {
                        classes.removeLast();
                    }
                }

                @Override
                public Void visitMethod(MethodTree tree, Void unused) {
                    return null;  // no types of interest inside methods
                }
            }.scan(unit, null);
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            // Among same-named overloads that the parameters did not tell apart, the documented one.
            TreePath best = candidates.stream().filter(p -> trees.getDocComment(p) != null).findFirst().orElse(candidates.getFirst());
            String comment = trees.getDocComment(best);
            var positions = trees.getSourcePositions();
            long start = positions.getStartPosition(unit, best.getLeaf());
            long end = positions.getEndPosition(unit, best.getLeaf());
            String source = start >= 0 && end > start && end <= text.length() ? text.substring((int) start, (int) end) : "";
            return Optional.of(new Found(comment, source));
        }

        private static boolean matches(Tree member, Signature signature, boolean exact) {
            if (member instanceof MethodTree method) {
                String name = method.getName().contentEquals("<init>") ? Signature.CONSTRUCTOR : method.getName().toString();
                if (!name.equals(signature.name()) || signature.parameters() == null) {
                    return false;
                }
                List<String> parameters = method.getParameters().stream()
                        .map(p -> Signature.simpleType(p.getType().toString()))
                        .toList();
                return !exact || parameters.equals(signature.parameters());
            }
            return member instanceof VariableTree field && signature.parameters() == null
                    && field.getName().contentEquals(signature.name());
        }
    }

    /** Whether a class path entry holds a type's class file. */
    private static boolean contains(Path entry, String type) {
        String[] parts = type.split("\\.");
        for (int top = 1; top <= parts.length; top++) {
            String path = String.join("/", List.of(parts).subList(0, top)) + ".class";
            try {
                if (Files.isDirectory(entry)) {
                    if (Files.isRegularFile(entry.resolve(path))) {
                        return true;
                    }
                } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        if (jar.getEntry(path) != null) {
                            return true;
                        }
                    }
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The root of a class path entry's sources: a sources jar beside it or fetched, or a source directory. */
    private Optional<Path> sourcesOf(Path entry, long wait) {
        Optional<Path> known = sourceRoots.get(entry);
        if (known != null && known.isPresent()) {
            return known;
        }
        Optional<Path> jar = resolver.sourcesJar(entry, wait);
        Optional<Path> root = jar.flatMap(this::rootOf);
        if (root.isPresent() || !resolver.pending(entry)) {
            sourceRoots.put(entry, root);
        }
        return root;
    }

    private Optional<Path> rootOf(Path jarOrDirectory) {
        if (Files.isDirectory(jarOrDirectory)) {
            return Optional.of(jarOrDirectory);
        }
        try {
            FileSystem fs = openJars.computeIfAbsent(jarOrDirectory, jar -> {
                try {
                    return FileSystems.newFileSystem(jar);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return Optional.of(fs.getRootDirectories().iterator().next());
        } catch (RuntimeException e) {
            Log.debug("cannot open " + jarOrDirectory + ": " + e);
            return Optional.empty();
        }
    }

    /** asyncrt's sources: the sources jar the install ships beside asyncrt's jar, or a build's source directory. */
    Optional<Path> asyncrtRoot() {
        if (asyncrtRoot == null) {
            asyncrtRoot = findAsyncrtSources().flatMap(this::rootOf).orElse(Path.of(""));
        }
        return asyncrtRoot.toString().isEmpty() ? Optional.empty() : Optional.of(asyncrtRoot);
    }

    private static Optional<Path> findAsyncrtSources() {
        Path code;
        try {
            code = Path.of(asyncrt.Asyncio.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
        if (Files.isDirectory(code)) {  // a build: asyncrt/target/classes beside asyncrt/src/main/java
            Path sources = code.getParent() == null || code.getParent().getParent() == null ? null
                    : code.getParent().getParent().resolve("src").resolve("main").resolve("java");
            return sources != null && Files.isDirectory(sources) ? Optional.of(sources) : Optional.empty();
        }
        String name = code.getFileName().toString().replaceAll("\\.jar$", "") + "-sources.jar";
        for (Path candidate : List.of(code.resolveSibling("sources").resolve(name), code.resolveSibling(name))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The JDK's src.zip, by module: {@code java.base/}, {@code java.sql/}... (or its root for an old layout). */
    private List<Path> jdkRoots() {
        if (jdkRoots == null) {
            List<Path> roots = new ArrayList<>();
            Path home = Path.of(System.getProperty("java.home"));
            Path zip = home.resolve("lib").resolve("src.zip");
            if (!Files.isReadable(zip)) {
                zip = home.getParent().resolve("src.zip");
            }
            if (Files.isReadable(zip)) {
                Optional<Path> root = rootOf(zip);
                if (root.isPresent()) {
                    if (Files.exists(root.get().resolve("java/lang/Object.java"))) {
                        roots.add(root.get());
                    } else {
                        try (var modules = Files.list(root.get())) {
                            modules.filter(Files::isDirectory).forEach(roots::add);
                        } catch (IOException e) {
                            Log.debug("cannot list " + zip + ": " + e);
                        }
                    }
                }
            }
            jdkRoots = roots;
        }
        return jdkRoots;
    }
}

package asyncrt.kernel.editing;

import asyncrt.kernel.execution.Preamble;
import asyncrt.kernel.util.Log;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a session starts with, as the quick completion needs it: the types a cell may name unqualified (java.lang,
 * the default on-demand imports, asyncrt's types), by simple name, and the statically imported members
 * ({@code Asyncio}'s functions, the display functions). Read from the preamble's imports and the JDK's run-time
 * image, without JShell.
 *
 * @param types   fully qualified names by simple name (not all public: that is looked at when one matches)
 * @param statics the statically imported methods and fields
 */
record StartingScope(Map<String, String> types, List<Member> statics) {

    /** The session's starting imports, read as the preamble makes them. */
    static StartingScope read() {
        long start = System.nanoTime();
        Map<String, String> types = new TreeMap<>();
        List<Member> statics = new ArrayList<>();
        List<String> imports = new ArrayList<>(List.of("import java.lang.*;"));
        List<String> asyncrtTypes = List.of();
        try {
            Preamble preamble = Preamble.discover();
            imports.addAll(preamble.imports());
            asyncrtTypes = preamble.types();
        } catch (RuntimeException e) {
            Log.debug("quick completion without the preamble: " + e);
        }
        ClassLoader loader = StartingScope.class.getClassLoader();
        for (String line : imports) {
            String statement = line.replaceAll("^import\\s+|;\\s*$", "").strip();
            boolean isStatic = statement.startsWith("static ");
            String name = isStatic ? statement.substring(7).strip() : statement;
            try {
                if (isStatic) {
                    String owner = name.substring(0, name.lastIndexOf('.'));
                    String member = name.substring(name.lastIndexOf('.') + 1);
                    Class<?> type = Class.forName(owner, false, loader);
                    for (Method method : type.getMethods()) {
                        if (Modifier.isStatic(method.getModifiers()) && (member.equals("*") || method.getName().equals(member))) {
                            statics.add(method);
                        }
                    }
                    for (Field field : type.getFields()) {
                        if (Modifier.isStatic(field.getModifiers()) && (member.equals("*") || field.getName().equals(member))) {
                            statics.add(field);
                        }
                    }
                } else if (name.endsWith(".*")) {
                    for (String type : typesIn(name.substring(0, name.length() - 2))) {
                        types.putIfAbsent(type.substring(type.lastIndexOf('.') + 1), type);
                    }
                } else {
                    types.put(name.substring(name.lastIndexOf('.') + 1), name);
                }
            } catch (Exception | LinkageError e) {
                Log.debug("quick completion skips " + line + ": " + e);
            }
        }
        // asyncrt's packages are imported on demand and are not in the run-time image: their types come from the
        // preamble, in its order, so that asyncrt's win a clash of simple names as they do in JShell.
        for (String type : asyncrtTypes) {
            types.put(type.substring(type.lastIndexOf('.') + 1), type);
        }
        Log.debug("quick completion ready in " + (System.nanoTime() - start) / 1_000_000 + " ms: " + types.size()
                + " types, " + statics.size() + " static members");
        return new StartingScope(types, statics);
    }

    /** The top-level types of a JDK package, from the run-time image (public or not: that is looked at on a match). */
    static List<String> typesIn(String packageName) throws Exception {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path modules = jrt.getPath("/packages", packageName);
        if (!Files.isDirectory(modules)) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        try (Stream<Path> links = Files.list(modules)) {
            for (Path module : links.toList()) {
                Path directory = jrt.getPath("/modules", module.getFileName().toString(), packageName.replace('.', '/'));
                try (Stream<Path> files = Files.list(directory)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.equals("package-info.class")
                                    && !f.equals("module-info.class"))
                            .map(f -> packageName + "." + f.substring(0, f.length() - ".class".length()))
                            .forEach(types::add);
                }
            }
        }
        return types;
    }
}

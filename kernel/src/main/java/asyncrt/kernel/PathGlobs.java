package asyncrt.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands class path entries that may hold globs ({@code lib/*.jar}, {@code /opt/jars/**.jar}) into the files
 * they match, as the kernel options and the {@code %jars} magic accept them.
 */
public final class PathGlobs {

    private PathGlobs() {
    }

    /** Expands every entry of a path-separator-separated list; entries without glob characters stay as they are. */
    public static List<Path> expandList(String list) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String entry : list.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.addAll(expand(entry.strip()));
            }
        }
        return paths;
    }

    /** The files a pattern matches, sorted; a plain path gives itself, whether or not it exists. */
    public static List<Path> expand(String pattern) throws IOException {
        if (!isGlob(pattern)) {
            return List.of(Path.of(pattern));
        }
        Path base = Path.of(pattern).isAbsolute() ? Path.of("/") : Path.of("");
        for (Path part : Path.of(pattern)) {
            if (isGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path root = base;
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> matcher.matches(Path.of(pattern).isAbsolute() ? f : f.normalize()))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isGlob(String text) {
        return text.contains("*") || text.contains("?") || text.contains("[") || text.contains("{");
    }
}

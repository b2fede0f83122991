package asyncrt.kernel.editing;

import asyncrt.kernel.magics.maven.MavenSettings;
import asyncrt.kernel.util.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

/**
 * Finds the sources jar of a jar on the cells' class path: {@code NAME-sources.jar} beside it, or, for a jar in
 * the local Maven repository (where {@code %maven} puts what it resolves), the artifact's {@code sources}
 * classifier fetched by Maven Resolver from Maven Central (offline settings keep to the local repository). A fetch
 * runs in the background, once per jar; a caller waits for it a bounded time.
 */
final class SourcesResolver {

    private static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final Map<Path, CompletableFuture<Optional<Path>>> fetches = new ConcurrentHashMap<>();
    private final Map<Path, String> problems = new ConcurrentHashMap<>();
    private MavenSettings settings;
    private RepositorySystem system;

    /**
     * The sources jar of a class path entry, waiting at most {@code waitMillis} for a fetch.
     *
     * @return empty when there is none, or while it is still being fetched ({@link #pending})
     */
    Optional<Path> sourcesJar(Path entry, long waitMillis) {
        if (!entry.getFileName().toString().endsWith(".jar")) {
            return Files.isDirectory(entry) ? Optional.of(entry) : Optional.empty();
        }
        Path beside = entry.resolveSibling(entry.getFileName().toString().replaceAll("\\.jar$", "-sources.jar"));
        if (Files.isRegularFile(beside)) {
            return Optional.of(beside);
        }
        CompletableFuture<Optional<Path>> fetch = fetches.computeIfAbsent(entry, this::fetch);
        try {
            return fetch.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Whether the sources of an entry are still being fetched. */
    boolean pending(Path entry) {
        CompletableFuture<Optional<Path>> fetch = fetches.get(entry);
        return fetch != null && !fetch.isDone();
    }

    /** What went wrong looking for an entry's sources, or null. */
    String problem(Path entry) {
        if (pending(entry)) {
            return "still being downloaded; ask again in a moment";
        }
        return problems.get(entry);
    }

    private CompletableFuture<Optional<Path>> fetch(Path jar) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return resolve(jar);
            } catch (Exception | LinkageError e) {
                problems.put(jar, "Maven Resolver: " + e.getMessage());
                Log.debug("no sources for " + jar + ": " + e);
                return Optional.empty();
            }
        }, task -> Thread.ofPlatform().daemon().name("sources-fetch").start(task));
    }

    private Optional<Path> resolve(Path jar) throws Exception {
        MavenSettings maven = settings();
        Path repository = maven.localRepository().toAbsolutePath().normalize();
        Path file = jar.toAbsolutePath().normalize();
        if (!file.startsWith(repository)) {
            problems.put(jar, "looked beside it; it is not in the local Maven repository");
            return Optional.empty();
        }
        Path relative = repository.relativize(file);
        int n = relative.getNameCount();
        if (n < 4) {
            problems.put(jar, "not laid out as a Maven artifact");
            return Optional.empty();
        }
        String version = relative.getName(n - 2).toString();
        String artifact = relative.getName(n - 3).toString();
        String group = relative.subpath(0, n - 3).toString().replace(relative.getFileSystem().getSeparator(), ".");
        if (!relative.getFileName().toString().startsWith(artifact + "-" + version)) {
            problems.put(jar, "not laid out as a Maven artifact");
            return Optional.empty();
        }
        String coordinates = group + ":" + artifact + ":jar:sources:" + version;
        ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates),
                List.of(new RemoteRepository.Builder("central", "default", CENTRAL_URL).build()), null);
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system()).get()
                .withLocalRepositoryBaseDirectories(maven.localRepository())
                .setOffline(maven.offline())
                .setSystemProperties(System.getProperties())
                .build()) {
            Path sources = system().resolveArtifact(session, request).getArtifact().getPath();
            return Optional.ofNullable(sources);
        } catch (Exception e) {
            problems.put(jar, coordinates + " is not " + (maven.offline() ? "in the local repository (Maven is offline)"
                    : "in the local repository nor in Maven Central"));
            return Optional.empty();
        }
    }

    private synchronized MavenSettings settings() {
        if (settings == null) {
            settings = MavenSettings.load();
        }
        return settings;
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }
}

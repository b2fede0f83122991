package asyncrt.kernel.magics.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven artifacts with their runtime dependencies, as Maven 3 does: from the local repository
 * (Maven's, {@code ~/.m2/repository} unless settings say otherwise) and the remote repositories, Maven Central
 * first. An artifact already in the local repository needs no network.
 */
public final class MavenResolver {

    private static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final MavenSettings settings;
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private RepositorySystem system;

    /** @param settings the user's Maven settings (local repository, offline) */
    public MavenResolver(MavenSettings settings) {
        this.settings = settings;
        addRepository("central", CENTRAL_URL);
    }

    /** Adds (or replaces) a remote repository. */
    public synchronized void addRepository(String id, String url) {
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    /** The remote repositories, by id. */
    public synchronized Map<String, String> repositories() {
        Map<String, String> urls = new LinkedHashMap<>();
        repositories.forEach((id, repository) -> urls.put(id, repository.getUrl()));
        return urls;
    }

    /**
     * Resolves artifacts and their runtime dependencies.
     *
     * @param coordinates {@code groupId:artifactId[:extension[:classifier]]:version} each
     * @return the files to put on the class path, dependencies included, without duplicates
     */
    public synchronized List<Path> resolve(List<String> coordinates) throws DependencyResolutionException {
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            collect.addDependency(new Dependency(new DefaultArtifact(coordinate), "runtime"));
        }
        collect.setRepositories(new ArrayList<>(repositories.values()));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setOffline(settings.offline())
                .setSystemProperties(System.getProperties())
                .build()) {
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(a -> a.getPath())
                    .distinct()
                    .toList();
        }
    }
}

package asyncrt.kernel.magics.maven;

import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.aether.resolution.DependencyResolutionException;

/** {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM}, sharing one resolver and its repositories. */
public final class MavenMagics {

    private MavenResolver resolver;

    private MavenMagics() {
    }

    /** Registers the three magics. */
    public static void register(MagicRegistry registry) {
        MavenMagics magics = new MavenMagics();
        registry.line("maven", """
                %maven GROUP:ARTIFACT:VERSION ...
                Resolves the artifacts and their runtime dependencies from Maven Central, the repositories added with
                %mavenRepo and the local repository (~/.m2/repository; an artifact already there needs no network;
                <offline>true</offline> in ~/.m2/settings.xml keeps off the network), and adds the jars to the cells'
                class path. Coordinates may name an extension and classifier: G:A:EXT:CLASSIFIER:V.""",
                magics::maven);
        registry.line("mavenRepo", """
                %mavenRepo ID URL
                Adds a remote Maven repository for %maven and %%loadFromPOM. Without arguments, lists them.""",
                magics::mavenRepo);
        registry.cell("loadFromPOM", """
                %%loadFromPOM
                The cell is a POM, or its <dependencies> or a <dependency>: its repositories are added and its
                dependencies (not test or provided) resolved and added to the class path, as %maven does.""",
                magics::loadFromPom);
    }

    private synchronized MavenResolver resolver() {
        if (resolver == null) {
            resolver = new MavenResolver(MavenSettings.load());
        }
        return resolver;
    }

    private Optional<Value> maven(String args, MagicContext context) throws MagicException {
        if (args.isBlank()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven com.google.code.gson:gson:2.13.2");
        }
        addResolved(Arrays.asList(args.split("\\s+")), context);
        return Optional.empty();
    }

    private Optional<Value> mavenRepo(String args, MagicContext context) throws MagicException {
        String[] parts = args.isBlank() ? new String[0] : args.split("\\s+");
        if (parts.length == 0) {
            resolver().repositories().forEach((id, url) -> System.out.println(id + "  " + url));
            return Optional.empty();
        }
        if (parts.length != 2 || !parts[1].matches("(https?|file)://.+")) {
            throw new MagicException("usage: %mavenRepo ID URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        resolver().addRepository(parts[0], parts[1]);
        return Optional.empty();
    }

    private Optional<Value> loadFromPom(String args, String body, MagicContext context) throws MagicException {
        PomDependencies pom;
        try {
            pom = PomDependencies.parse(body);
        } catch (Exception e) {
            throw new MagicException("%%loadFromPOM: the cell is not a POM or dependency list: " + e.getMessage());
        }
        pom.repositories().forEach(resolver()::addRepository);
        if (pom.coordinates().isEmpty()) {
            throw new MagicException("%%loadFromPOM: no dependencies found in the cell");
        }
        addResolved(pom.coordinates(), context);
        return Optional.empty();
    }

    private void addResolved(List<String> coordinates, MagicContext context) throws MagicException {
        List<Path> jars;
        try {
            jars = resolver().resolve(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("bad Maven coordinates: " + e.getMessage()
                    + " (expected GROUP:ARTIFACT:VERSION)");
        } catch (DependencyResolutionException e) {
            throw new MagicException("could not resolve " + String.join(" ", coordinates) + ": " + e.getMessage(), e);
        }
        List<String> present = context.evaluator().classpath();
        List<Path> added = jars.stream()
                .filter(jar -> !present.contains(jar.toAbsolutePath().normalize().toString())).toList();
        if (added.isEmpty()) {
            System.out.println(String.join(" ", coordinates) + (coordinates.size() == 1 ? " is" : " are")
                    + " already on the class path" + (jars.isEmpty() ? "" : " (" + names(jars) + ")"));
            return;
        }
        added.forEach(context::addToClasspath);
        int kept = jars.size() - added.size();
        System.out.println("Added " + added.size() + " jar" + (added.size() == 1 ? "" : "s") + " to the class path: "
                + names(added) + (kept == 0 ? "" : " (" + kept + " more already there)"));
    }

    private static String names(List<Path> jars) {
        return String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList());
    }
}

package asyncrt.kernel.magics.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What the kernel takes from the user's Maven settings ({@code ~/.m2/settings.xml}): the local repository
 * ({@code <localRepository>}, or the {@code maven.repo.local} system property) and {@code <offline>}.
 *
 * @param localRepository where artifacts are cached
 * @param offline         whether to stay off the network
 */
public record MavenSettings(Path localRepository, boolean offline) {

    /** Reads the settings of the user running the kernel; missing or unreadable settings mean the defaults. */
    public static MavenSettings load() {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2");
        Path local = m2.resolve("repository");
        boolean offline = false;
        Path file = m2.resolve("settings.xml");
        if (Files.isRegularFile(file)) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document settings = factory.newDocumentBuilder().parse(file.toFile());
                String repository = text(settings, "localRepository");
                if (!repository.isBlank()) {
                    local = Path.of(repository.replace("${user.home}", System.getProperty("user.home")));
                }
                offline = Boolean.parseBoolean(text(settings, "offline"));
            } catch (Exception e) {
                System.err.println("warning: ignoring " + file + ": " + e.getMessage());
            }
        }
        String property = System.getProperty("maven.repo.local");
        if (property != null && !property.isBlank()) {
            local = Path.of(property);
        }
        return new MavenSettings(local, offline);
    }

    private static String text(Document document, String element) {
        NodeList nodes = document.getElementsByTagName(element);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}

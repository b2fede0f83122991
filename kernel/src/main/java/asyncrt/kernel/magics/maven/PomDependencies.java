package asyncrt.kernel.magics.maven;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The dependencies and repositories of a POM, or of a POM fragment ({@code <dependencies>} or a lone
 * {@code <dependency>}), with {@code ${property}} references replaced from the POM's {@code <properties>}.
 * Test- and provided-scope dependencies are left out: cells need what runs.
 *
 * @param coordinates  {@code groupId:artifactId[:type[:classifier]]:version} of each dependency
 * @param repositories remote repositories by id
 */
public record PomDependencies(List<String> coordinates, Map<String, String> repositories) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** Parses POM text; throws with a readable message when it is not XML or a dependency is incomplete. */
    public static PomDependencies parse(String xml) throws Exception {
        String text = xml.strip();
        if (!text.startsWith("<project") && !text.startsWith("<?xml")) {
            text = "<project>" + (text.startsWith("<dependency>") ? "<dependencies>" + text + "</dependencies>" : text)
                    + "</project>";
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        Map<String, String> properties = new HashMap<>();
        for (Element block : elements(pom.getDocumentElement(), "properties")) {
            NodeList children = block.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        List<String> coordinates = new ArrayList<>();
        for (Element dependency : elements(pom.getDocumentElement(), "dependency")) {
            if (isInside(dependency, "dependencyManagement") || isInside(dependency, "plugin")) {
                continue;
            }
            String scope = child(dependency, "scope", properties);
            if (scope.equals("test") || scope.equals("provided")) {
                continue;
            }
            String group = child(dependency, "groupId", properties);
            String artifact = child(dependency, "artifactId", properties);
            String version = child(dependency, "version", properties);
            if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
                throw new IllegalArgumentException("a dependency needs groupId, artifactId and version: "
                        + group + ":" + artifact + ":" + version);
            }
            String type = child(dependency, "type", properties);
            String classifier = child(dependency, "classifier", properties);
            String extension = type.isEmpty() ? "jar" : type;
            coordinates.add(classifier.isEmpty() && type.isEmpty()
                    ? group + ":" + artifact + ":" + version
                    : group + ":" + artifact + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version);
        }
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Element repository : elements(pom.getDocumentElement(), "repository")) {
            repositories.put(child(repository, "id", properties), child(repository, "url", properties));
        }
        return new PomDependencies(coordinates, repositories);
    }

    private static List<Element> elements(Element root, String tag) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static boolean isInside(Element element, String ancestor) {
        for (Node node = element.getParentNode(); node != null; node = node.getParentNode()) {
            if (node instanceof Element e && e.getTagName().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static String child(Element parent, String tag, Map<String, String> properties) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return interpolate(e.getTextContent().strip(), properties);
            }
        }
        return "";
    }

    private static String interpolate(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(properties.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(result).toString();
    }
}

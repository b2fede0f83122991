package asyncrt.kernel.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A timeline picture ({@code %%timeline}'s SVG) read back as data: its lanes, and in each the spans drawn, from
 * the {@code data-*} attributes asyncrt's TimelineSvg writes. Parsing it as XML also checks it is well-formed.
 *
 * @param lanes the lanes, top to bottom
 */
public record TimelinePicture(List<Lane> lanes) {

    /**
     * One lane.
     *
     * @param name  its name ({@code data-name}: a task's name, or {@code event loop})
     * @param label the text drawn beside it
     * @param spans the rectangles drawn in it
     */
    public record Lane(String name, String label, List<Span> spans) {

        /** Its spans of one kind ({@code run}, {@code wait}, {@code io_wait}). */
        public List<Span> spans(String kind) {
            return spans.stream().filter(s -> s.kind().equals(kind)).toList();
        }
    }

    /**
     * One rectangle.
     *
     * @param kind    {@code run}, {@code wait} or {@code io_wait}
     * @param startMs where it starts, in ms
     * @param endMs   where it ends, in ms
     * @param title   its tooltip, which starts with what a wait waited on
     */
    public record Span(String kind, double startMs, double endMs, String title) {

        /** Its length in ms. */
        public double duration() {
            return endMs - startMs;
        }
    }

    /** Reads an SVG picture. */
    public static TimelinePicture parse(String svg) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        List<Lane> lanes = new ArrayList<>();
        NodeList groups = document.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (!group.getAttribute("class").equals("lane")) {
                continue;
            }
            List<Span> spans = new ArrayList<>();
            NodeList rects = group.getElementsByTagName("rect");
            for (int r = 0; r < rects.getLength(); r++) {
                Element rect = (Element) rects.item(r);
                spans.add(new Span(rect.getAttribute("class"), Double.parseDouble(rect.getAttribute("data-start-ms")),
                        Double.parseDouble(rect.getAttribute("data-end-ms")), rect.getTextContent().strip()));
            }
            String label = group.getElementsByTagName("text").item(0).getTextContent();
            lanes.add(new Lane(group.getAttribute("data-name"), label, spans));
        }
        return new TimelinePicture(lanes);
    }
}

package asyncrt.introspect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as an SVG Gantt chart: one lane per task, run slices solid, waits
 * hatched and labelled, the loop's I/O waits grey, a time axis in ms. Each lane is a
 * {@code <g class="lane" data-name="...">}, each span a {@code <rect class="run|wait|io_wait">}
 * with {@code data-start-ms} and {@code data-end-ms}, so that a program can read the picture back.
 * At most {@value #MAX_LANES} lanes are drawn, and spans closer than a pixel are drawn as one.
 */
public final class TimelineSvg {
    /** The most lanes drawn; a line under the picture counts the others. */
    public static final int MAX_LANES = 40;
    private static final int LEFT = 190;
    private static final int WIDTH = 940;
    private static final int LANE = 34;
    private static final int TOP = 30;

    private TimelineSvg() {}

    /** The picture of {@code timeline} as it is now. */
    public static String render(Timeline timeline) {
        List<Timeline.Lane> lanes = timeline.lanesToDraw(MAX_LANES);
        long hidden = timeline.laneCount() - lanes.size();
        double end = lanes.stream().flatMap(l -> l.spans().stream()).mapToDouble(Timeline.Span::end).max().orElse(1);
        double scale = (WIDTH - LEFT - 20) / Math.max(end, 1e-9);
        int height = TOP + LANE * lanes.size() + 40 + (hidden > 0 ? 20 : 0);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append("<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#eef3fb\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9db7e0\" stroke-width=\"2\"/></pattern></defs>\n");
        svg.append("<title>asyncrt timeline</title>\n");
        for (int i = 0; i < lanes.size(); i++) {
            Timeline.Lane lane = lanes.get(i);
            int y = TOP + i * LANE;
            svg.append(String.format(Locale.ROOT, "<g class=\"lane\" data-name=\"%s\">%n", escape(lane.name())));
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", y + 20, escape(lane.label())));
            for (Timeline.Span span : coalesce(lane.spans(), 1 / scale)) {
                double x = LEFT + span.start() * scale;
                double w = Math.max(1, span.duration() * scale);
                String fill = switch (span.kind()) {
                    case RUN -> "#2b6cb0";
                    case WAIT -> "url(#wait)";
                    case IO_WAIT -> "#d9d9d9";
                };
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%s\" data-start-ms=\"%.1f\" data-end-ms=\"%.1f\"><title>%s %.1f–%.1f ms</title></rect>%n",
                        span.kind().name().toLowerCase(Locale.ROOT), x, y + 4, w, fill, span.start(), span.end(),
                        escape(span.label()), span.start(), span.end()));
                if (span.kind() != Timeline.Kind.RUN && w > 60) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#1a365d\">%s %.0f ms</text>%n",
                            x + 4, y + 20, escape(span.label()), span.duration()));
                }
            }
            svg.append("</g>\n");
        }
        int axis = TOP + LANE * lanes.size() + 10;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, axis, WIDTH - 20, axis));
        double step = niceStep(end / 8);
        for (double t = 0; t <= end + 1e-9; t += step) {
            double x = LEFT + t * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f ms</text>%n",
                    x, axis, x, axis + 5, x, axis + 20, t));
        }
        if (hidden > 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">... and %d more lanes, not drawn</text>%n", axis + 40, hidden));
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * The spans to draw: consecutive spans of one kind that are less than {@code pixelMs} apart
     * become one (keeping the first one's label), so a lane of a million short steps is a few
     * hundred rectangles.
     */
    static List<Timeline.Span> coalesce(List<Timeline.Span> spans, double pixelMs) {
        List<Timeline.Span> drawn = new ArrayList<>();
        Map<Timeline.Kind, Integer> lastOfKind = new EnumMap<>(Timeline.Kind.class);
        for (Timeline.Span span : spans) {
            Integer at = lastOfKind.get(span.kind());
            Timeline.Span last = at == null ? null : drawn.get(at);
            if (last != null && span.start() - last.end() < pixelMs) {
                drawn.set(at, new Timeline.Span(last.kind(), last.start(), Math.max(last.end(), span.end()), last.label()));
            } else {
                lastOfKind.put(span.kind(), drawn.size());
                drawn.add(span);
            }
        }
        return drawn;
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

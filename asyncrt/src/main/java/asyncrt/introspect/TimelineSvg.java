package asyncrt.introspect;

import java.util.List;
import java.util.Locale;

/** Draws a {@link Timeline} as an SVG Gantt chart: one lane per task, run slices solid, waits hatched and labelled, a time axis in ms. */
public final class TimelineSvg {
    private static final int LEFT = 150;
    private static final int WIDTH = 900;
    private static final int LANE = 34;
    private static final int TOP = 30;

    private TimelineSvg() {}

    public static String render(Timeline timeline) {
        List<Timeline.Lane> lanes = timeline.lanes().stream().filter(l -> !l.spans().isEmpty()).toList();
        double end = lanes.stream().flatMap(l -> l.spans().stream()).mapToDouble(Timeline.Span::end).max().orElse(1);
        double scale = (WIDTH - LEFT - 20) / Math.max(end, 1e-9);
        int height = TOP + LANE * lanes.size() + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append("<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#eef3fb\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9db7e0\" stroke-width=\"2\"/></pattern></defs>\n");
        svg.append("<title>asyncrt timeline</title>\n");
        for (int i = 0; i < lanes.size(); i++) {
            Timeline.Lane lane = lanes.get(i);
            int y = TOP + i * LANE;
            svg.append(String.format(Locale.ROOT, "<g class=\"lane\" data-name=\"%s\">%n", escape(lane.name())));
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", y + 20, escape(lane.name())));
            for (Timeline.Span span : lane.spans()) {
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
        return svg.append("</svg>\n").toString();
    }

    private static double niceStep(double raw) {
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

package asyncrt.introspect;

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
    public static final int MAX_LANES = TimelineLayout.MAX_LANES;

    private TimelineSvg() {}

    /** The picture of {@code timeline} as it is now. */
    public static String render(Timeline timeline) {
        TimelineLayout layout = new TimelineLayout(timeline);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                TimelineLayout.WIDTH, layout.height));
        svg.append("<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#eef3fb\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9db7e0\" stroke-width=\"2\"/></pattern></defs>\n");
        svg.append("<title>asyncrt timeline</title>\n");
        for (int i = 0; i < layout.lanes.size(); i++) {
            Timeline.Lane lane = layout.lanes.get(i);
            int y = layout.laneTop(i);
            svg.append(String.format(Locale.ROOT, "<g class=\"lane\" data-name=\"%s\">%n", escape(lane.name())));
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>%n", y + 20, escape(layout.name(lane))));
            for (Timeline.Span span : layout.spans(lane)) {
                double x = layout.x(span.start());
                double w = layout.width(span);
                String fill = switch (span.kind()) {
                    case RUN -> "#2b6cb0";
                    case WAIT -> "url(#wait)";
                    case IO_WAIT -> "#d9d9d9";
                };
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%s\" data-start-ms=\"%.1f\" data-end-ms=\"%.1f\"><title>%s %.1f–%.1f ms</title></rect>%n",
                        span.kind().name().toLowerCase(Locale.ROOT), x, y + 4, w, fill, span.start(), span.end(),
                        escape(span.label()), span.start(), span.end()));
                String text = span.kind() == Timeline.Kind.RUN ? null : TimelineLayout.waitText(span, w);
                if (text != null) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#1a365d\">%s</text>%n",
                            x + 4, y + 20, escape(text)));
                }
            }
            svg.append("</g>\n");
        }
        int axis = layout.axis;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                layout.left, axis, layout.axisEnd(), axis));
        for (double t : layout.ticks()) {
            double x = layout.x(layout.startMs + t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f ms</text>%n",
                    x, axis, x, axis + 5, x, axis + 20, t));
        }
        if (layout.hidden > 0) {
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">... and %d more lanes, not drawn</text>%n", axis + 40, layout.hidden));
        }
        // The marks (what the tasks printed): a small triangle over the lane at that moment, numbered when listed below.
        for (TimelineLayout.Numbered n : layout.marks) {
            double x = layout.x(n.mark().at());
            int y = layout.laneTop(n.lane());
            svg.append(String.format(Locale.ROOT,
                    "<path class=\"mark\" d=\"M%.1f %d L%.1f %d L%.1f %d Z\" fill=\"#c05621\" data-at-ms=\"%.1f\"><title>printed: %s</title></path>%n",
                    x - 4, y, x + 4, y, x, y + 7, n.mark().at(), escape(n.mark().text().strip())));
            if (n.number() > 0) {
                svg.append(String.format(Locale.ROOT, "<text class=\"mark\" x=\"%.1f\" y=\"%d\" font-size=\"10\" font-weight=\"bold\" fill=\"#c05621\">%d</text>%n",
                        layout.numberX(x, n.number()), y + 7, n.number()));
            }
        }
        for (int i = 0; i < layout.legend.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"8\" y=\"%d\" fill=\"#7b341e\">%s</text>%n",
                    layout.legendY(i), escape(layout.legend.get(i))));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

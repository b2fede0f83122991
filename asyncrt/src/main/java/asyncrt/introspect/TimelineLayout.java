package asyncrt.introspect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of a timeline picture goes, shared by {@link TimelineSvg} and {@link TimelinePng} so that the
 * two draw the same picture: one lane per row under a name column, time from the left edge of the spans area
 * to the right, and an axis of round millisecond ticks below the lanes.
 */
final class TimelineLayout {
    /** The most lanes drawn; a line under the picture counts the others. */
    static final int MAX_LANES = 40;
    /** Where the spans area starts: the lane names are written left of it. */
    static final int LEFT = 190;
    static final int WIDTH = 940;
    /** The height of a lane, its bar 24 px of it. */
    static final int LANE = 34;
    static final int TOP = 30;
    private static final int RIGHT_MARGIN = 20;

    final List<Timeline.Lane> lanes;
    /** How many lanes with spans were left out. */
    final long hidden;
    /** The end of the last span, in ms: the right edge of the spans area. */
    final double endMs;
    /** Pixels per ms. */
    final double scale;
    final int height;
    /** The y of the time axis. */
    final int axis;

    TimelineLayout(Timeline timeline) {
        lanes = timeline.lanesToDraw(MAX_LANES);
        hidden = timeline.laneCount() - lanes.size();
        endMs = lanes.stream().flatMap(l -> l.spans().stream()).mapToDouble(Timeline.Span::end).max().orElse(1);
        scale = (WIDTH - LEFT - RIGHT_MARGIN) / Math.max(endMs, 1e-9);
        height = TOP + LANE * lanes.size() + 40 + (hidden > 0 ? 20 : 0);
        axis = TOP + LANE * lanes.size() + 10;
    }

    /** The top of lane {@code i}. */
    int laneTop(int i) {
        return TOP + i * LANE;
    }

    /** The x of a moment, in ms. */
    double x(double ms) {
        return LEFT + ms * scale;
    }

    /** The width of a span: at least a pixel, so that the shortest run slice still shows. */
    double width(Timeline.Span span) {
        return Math.max(1, span.duration() * scale);
    }

    /** The right end of the axis line. */
    int axisEnd() {
        return WIDTH - RIGHT_MARGIN;
    }

    /** The moments the axis marks, in ms: about eight, at a round step. */
    List<Double> ticks() {
        double step = niceStep(endMs / 8);
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t <= endMs + 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /**
     * The spans of a lane to draw: consecutive spans of one kind that are less than a pixel apart become one
     * (keeping the first one's label), so a lane of a million short steps is a few hundred rectangles.
     */
    List<Timeline.Span> spans(Timeline.Lane lane) {
        return coalesce(lane.spans(), 1 / scale);
    }

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
}

package asyncrt.introspect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything of a timeline picture goes, shared by {@link TimelineSvg} and {@link TimelinePng} so that the
 * two draw the same picture: one lane per row under a name column as wide as the longest name needs (within
 * bounds), time from the first thing that happened at the left edge of the spans area to the last at the right,
 * and an axis of round millisecond ticks below the lanes, counted from that first moment. A run slice is drawn
 * at least {@value #MIN_RUN_PX} px wide, so that the shortest step still shows; a wait's label is written in its
 * bar only as far as it fits (else just its length, else nothing: the bar's tooltip has it all). The lanes of a
 * cell's statements (tasks named after their coroutine, as the kernel's {@code In [5]}) are drawn as one lane.
 */
final class TimelineLayout {
    /** The most lanes drawn; a line under the picture counts the others. */
    static final int MAX_LANES = 40;
    static final int WIDTH = 940;
    /** The narrowest and widest the name column gets. */
    private static final int MIN_LEFT = 140;
    private static final int MAX_LEFT = 330;
    /** About the width of a character of the 12 px sans-serif font, to fit texts without measuring them. */
    static final double CHAR_PX = 6.8;
    /** The narrowest a run slice is drawn. */
    static final double MIN_RUN_PX = 3;
    /** The height of a lane, its bar 24 px of it. */
    static final int LANE = 34;
    static final int TOP = 30;
    private static final int RIGHT_MARGIN = 20;

    final List<Timeline.Lane> lanes;
    /** How many lanes with spans were left out. */
    final long hidden;
    /** Where the spans area starts: the lane names are written left of it. */
    final int left;
    /** The start of the first span, in ms: the left edge of the spans area, 0 on the axis. */
    final double startMs;
    /** The end of the last span, in ms: the right edge of the spans area. */
    final double endMs;
    /** Pixels per ms. */
    final double scale;
    /** The marks of the drawn lanes, numbered in time order from 1 when there are few enough to list, else unnumbered. */
    final List<Numbered> marks;
    /** The lines of the legend under the axis: "1 text   2 text ...", empty without numbered marks. */
    final List<String> legend;
    final int height;
    /** The y of the time axis. */
    final int axis;

    TimelineLayout(Timeline timeline) {
        List<Timeline.Lane> drawn = timeline.lanesToDraw(MAX_LANES);
        hidden = timeline.laneCount() - drawn.size();
        lanes = mergeStatements(drawn);
        int longest = lanes.stream().mapToInt(l -> l.label().length()).max().orElse(10);
        left = (int) Math.max(MIN_LEFT, Math.min(MAX_LEFT, 8 + longest * CHAR_PX + 12));
        startMs = lanes.stream().flatMap(l -> l.spans().stream()).mapToDouble(Timeline.Span::start).min().orElse(0);
        endMs = Math.max(startMs + 1e-3, lanes.stream().flatMap(l -> l.spans().stream()).mapToDouble(Timeline.Span::end).max().orElse(1));
        scale = (WIDTH - left - RIGHT_MARGIN) / (endMs - startMs);
        marks = numberMarks(lanes);
        legend = legendLines(marks, WIDTH - 16);
        axis = TOP + LANE * lanes.size() + 10;
        height = TOP + LANE * lanes.size() + 40 + (hidden > 0 ? 20 : 0) + (legend.isEmpty() ? 0 : 8 + LEGEND_LINE * legend.size());
    }

    /** The most marks numbered and listed in the legend; with more, they are drawn without numbers. */
    static final int MAX_NUMBERED_MARKS = 20;
    /** The height of a line of the legend. */
    static final int LEGEND_LINE = 16;

    /** A mark of lane {@code lane} (its index in {@link #lanes}), with its number in the legend (0: none). */
    record Numbered(int lane, Timeline.Mark mark, int number) {
    }

    private static List<Numbered> numberMarks(List<Timeline.Lane> lanes) {
        List<Numbered> all = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            for (Timeline.Mark mark : lanes.get(i).marks()) {
                all.add(new Numbered(i, mark, 0));
            }
        }
        all.sort(java.util.Comparator.comparingDouble(n -> n.mark().at()));
        if (all.size() > MAX_NUMBERED_MARKS) {
            return all;
        }
        List<Numbered> numbered = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            numbered.add(new Numbered(all.get(k).lane(), all.get(k).mark(), k + 1));
        }
        return numbered;
    }

    /** The legend: "▼1 text" entries, each cut to 48 characters, as many to a line as fit in {@code width} px. */
    private static List<String> legendLines(List<Numbered> marks, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (Numbered n : marks) {
            if (n.number() == 0) {
                return List.of();
            }
            String text = n.mark().text().strip();
            String entry = "\u25bc" + n.number() + " " + (text.length() > 48 ? text.substring(0, 47) + "\u2026" : text);
            if (line.length() > 0 && (line.length() + 4 + entry.length()) * CHAR_PX > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? "    " : "").append(entry);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Where a mark's number starts: right of the mark, or left of it at the picture's right edge. */
    double numberX(double x, int number) {
        double width = String.valueOf(number).length() * 6.5;
        return x + 5 + width <= WIDTH - 2 ? x + 5 : x - 5 - width;
    }

    /** The baseline of legend line {@code i}. */
    int legendY(int i) {
        return axis + 40 + (hidden > 0 ? 20 : 0) + i * LEGEND_LINE;
    }

    /** The top of lane {@code i}. */
    int laneTop(int i) {
        return TOP + i * LANE;
    }

    /** The x of a moment, in ms. */
    double x(double ms) {
        return left + (ms - startMs) * scale;
    }

    /** The width of a span: a run slice at least {@value #MIN_RUN_PX} px, so that the shortest step still shows. */
    double width(Timeline.Span span) {
        return Math.max(span.kind() == Timeline.Kind.RUN ? MIN_RUN_PX : 1, span.duration() * scale);
    }

    /** A lane's name as written left of it, clipped with an ellipsis to the name column. */
    String name(Timeline.Lane lane) {
        String label = lane.label();
        int fits = (int) ((left - 16) / CHAR_PX);
        return label.length() <= fits ? label : label.substring(0, Math.max(1, fits - 1)) + "…";
    }

    /** What to write in a wait's bar {@code width} px wide: its label and length if they fit, else its length, else null. */
    static String waitText(Timeline.Span span, double width) {
        String length = String.format(java.util.Locale.ROOT, "%.0f ms", span.duration());
        String full = span.label() + " " + length;
        if (full.length() * CHAR_PX + 8 <= width) {
            return full;
        }
        return length.length() * CHAR_PX + 8 <= width ? length : null;
    }

    /**
     * The lanes with those of one cell's statements drawn as one: a task named after its own coroutine (the
     * kernel names a statement's task and coroutine {@code In [5]}) joins the lane of the same name before it.
     */
    static List<Timeline.Lane> mergeStatements(List<Timeline.Lane> lanes) {
        List<Timeline.Lane> merged = new ArrayList<>();
        Map<String, Integer> statements = new java.util.HashMap<>();
        for (Timeline.Lane lane : lanes) {
            if (lane.coroutine().isEmpty() || !lane.coroutine().equals(lane.name())) {
                merged.add(lane);
                continue;
            }
            Integer at = statements.get(lane.name());
            if (at == null) {
                statements.put(lane.name(), merged.size());
                merged.add(new Timeline.Lane(lane.name(), "", lane.spans(), lane.marks()));
            } else {
                List<Timeline.Span> spans = new ArrayList<>(merged.get(at).spans());
                spans.addAll(lane.spans());
                spans.sort(java.util.Comparator.comparingDouble(Timeline.Span::start));
                List<Timeline.Mark> marks = new ArrayList<>(merged.get(at).marks());
                marks.addAll(lane.marks());
                marks.sort(java.util.Comparator.comparingDouble(Timeline.Mark::at));
                merged.set(at, new Timeline.Lane(lane.name(), "", List.copyOf(spans), List.copyOf(marks)));
            }
        }
        return merged;
    }

    /** The right end of the axis line. */
    int axisEnd() {
        return WIDTH - RIGHT_MARGIN;
    }

    /** The moments the axis marks, in ms counted from {@link #startMs}: about eight, at a round step. */
    List<Double> ticks() {
        double span = endMs - startMs;
        double step = niceStep(span / 8);
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t <= span + 1e-9; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /**
     * The spans of a lane to draw: consecutive spans of one kind and label that are less than a pixel apart become
     * one, so a lane of a million short steps is a few hundred rectangles (a wait on a sleep() followed at once by a
     * wait on a task stays two waits, each with its label).
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
            if (last != null && span.start() - last.end() < pixelMs && last.label().equals(span.label())) {
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

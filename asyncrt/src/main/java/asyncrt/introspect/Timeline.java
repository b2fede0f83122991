package asyncrt.introspect;

import asyncrt.events.Instrument;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a loop does over time — when each task runs, what it waits for, when the loop
 * itself waits for I/O — for a Gantt chart ({@link TimelineSvg}) or a text rendering. Attach it
 * with {@code loop.instruments().add(timeline)}; times are milliseconds since it was made.
 */
public final class Timeline implements Instrument {
    /** What a lane's span shows. */
    public enum Kind { RUN, WAIT, IO_WAIT }

    /** One span of a lane: from {@code start} to {@code end} ms, a run slice, a wait (labelled) or the loop's I/O wait. */
    public record Span(Kind kind, double start, double end, String label) {
        public double duration() {
            return end - start;
        }
    }

    /** One task's spans, or the loop's own lane. */
    public record Lane(String name, List<Span> spans) {
        /** From the start of the first span to the end of the last, in ms. */
        public double extent() {
            return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end() - spans.get(0).start();
        }
    }

    private static final String LOOP_LANE = "event loop";

    private final long origin = System.nanoTime();
    private final Map<Object, Lane> lanes = new LinkedHashMap<>();
    private final Map<Task<?>, Span> openWait = new LinkedHashMap<>();
    private final Map<Task<?>, Double> stepStart = new LinkedHashMap<>();
    private double ioWaitStart = -1;

    public Timeline() {
        lane(LOOP_LANE, LOOP_LANE);
    }

    /** Milliseconds since this timeline was made. */
    public double now() {
        return (System.nanoTime() - origin) / 1e6;
    }

    /** The lanes recorded so far: the loop's I/O waits first, then one per task in spawn order. */
    public synchronized List<Lane> lanes() {
        List<Lane> copy = new ArrayList<>();
        double now = now();
        for (Map.Entry<Object, Lane> entry : lanes.entrySet()) {
            List<Span> spans = new ArrayList<>(entry.getValue().spans());
            if (entry.getKey() instanceof Task<?> task && openWait.containsKey(task)) {
                Span open = openWait.get(task);
                spans.add(new Span(Kind.WAIT, open.start(), now, open.label()));
            }
            copy.add(new Lane(entry.getValue().name(), spans));
        }
        return copy;
    }

    private Lane lane(Object key, String name) {
        return lanes.computeIfAbsent(key, k -> new Lane(name, new ArrayList<>()));
    }

    @Override
    public synchronized void taskSpawned(Task<?> task) {
        lane(task, task.getName());
    }

    @Override
    public synchronized void beforeTaskStep(Task<?> task) {
        double now = now();
        Span wait = openWait.remove(task);
        if (wait != null) {
            lane(task, task.getName()).spans().add(new Span(Kind.WAIT, wait.start(), now, wait.label()));
        }
        stepStart.put(task, now);
    }

    @Override
    public synchronized void afterTaskStep(Task<?> task) {
        Double start = stepStart.remove(task);
        if (start != null) {
            lane(task, task.getName()).spans().add(new Span(Kind.RUN, start, now(), "run"));
        }
    }

    @Override
    public synchronized void taskWaiting(Task<?> task, Future<?> future) {
        openWait.put(task, new Span(Kind.WAIT, now(), 0, WaitLabels.of(task)));
    }

    @Override
    public synchronized void taskExited(Task<?> task) {
        openWait.remove(task);
    }

    @Override
    public synchronized void beforeIoWait(double timeout) {
        ioWaitStart = now();
    }

    @Override
    public synchronized void afterIoWait(double timeout) {
        if (ioWaitStart >= 0) {
            double now = now();
            if (now - ioWaitStart >= 0.05) {
                lane(LOOP_LANE, LOOP_LANE).spans().add(new Span(Kind.IO_WAIT, ioWaitStart, now, "waiting for I/O or timers"));
            }
            ioWaitStart = -1;
        }
    }

    /** A text rendering for consoles: one row per lane, time flowing right, '#' running, '.' waiting, '~' the loop waiting. */
    public String toText(int columns) {
        List<Lane> all = lanes();
        double end = all.stream().flatMap(l -> l.spans().stream()).mapToDouble(Span::end).max().orElse(0);
        double perColumn = Math.max(end / columns, 1e-9);
        int nameWidth = all.stream().mapToInt(l -> l.name().length()).max().orElse(4);
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-" + nameWidth + "s  0 ms%s%.0f ms%n", "", " ".repeat(Math.max(1, columns - 10)), end));
        for (Lane lane : all) {
            char[] row = " ".repeat(columns).toCharArray();
            for (Span span : lane.spans()) {
                char mark = switch (span.kind()) {
                    case RUN -> '#';
                    case WAIT -> '.';
                    case IO_WAIT -> '~';
                };
                int from = (int) Math.min(columns - 1, span.start() / perColumn);
                int to = (int) Math.min(columns - 1, Math.max(from, span.end() / perColumn - 1e-9));
                for (int c = from; c <= to; c++) {
                    if (row[c] != '#') {
                        row[c] = mark;
                    }
                }
            }
            out.append(String.format("%-" + nameWidth + "s |%s|%n", lane.name(), new String(row)));
            for (Span span : lane.spans()) {
                if (span.kind() == Kind.WAIT && span.duration() >= end / 20) {
                    out.append(String.format("%-" + nameWidth + "s   waits %.0f ms on %s (%.0f–%.0f ms)%n", "", span.duration(), span.label(), span.start(), span.end()));
                }
            }
        }
        return out.toString();
    }
}

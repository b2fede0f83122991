package asyncrt.introspect;

import asyncrt.events.EventLoop;
import asyncrt.events.Events;
import asyncrt.events.Instrument;
import asyncrt.internal.CodeNames;
import asyncrt.tasks.Future;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records what loops do over time — when each task runs, what it waits for, when a loop itself
 * waits for I/O — for a Gantt chart ({@link TimelineSvg}) or a text rendering. Attach it with
 * {@code loop.instruments().add(timeline)}; one timeline may be attached to several loops (each
 * then gets a lane of its own for its I/O waits). Times are milliseconds since it was made.
 */
public final class Timeline implements Instrument {
    /** What a lane's span shows. */
    public enum Kind { RUN, WAIT, IO_WAIT }

    /** One span of a lane: from {@code start} to {@code end} ms, a run slice, a wait (labelled) or the loop's I/O wait. */
    public record Span(Kind kind, double start, double end, String label) {
        /** Its length in ms. */
        public double duration() {
            return end - start;
        }
    }

    /** A moment of a lane worth marking, as a line the task printed: at {@code at} ms, with its text. */
    public record Mark(double at, String text) {
    }

    /**
     * One task's spans, or a loop's own lane.
     *
     * @param name      the task's name, or {@code event loop} for a loop's lane
     * @param coroutine the name of the task's coroutine, or "" for a loop's lane
     * @param spans     in time order
     * @param marks     moments marked on the lane ({@link #mark}), in time order
     */
    public record Lane(String name, String coroutine, List<Span> spans, List<Mark> marks) {
        /** A lane without marks. */
        public Lane(String name, String coroutine, List<Span> spans) {
            this(name, coroutine, spans, List.of());
        }

        /** From the start of the first span to the end of the last, in ms. */
        public double extent() {
            return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end() - spans.get(0).start();
        }

        /**
         * The name and, for a task, its coroutine: {@code Task-2 task1()}; a coroutine named after where it was
         * written ({@code <lambda> (In [4], line 3)}) gets no {@code ()}, and a task named after its coroutine
         * (a cell's statement, {@code In [5]}) is named once.
         */
        public String label() {
            if (coroutine.isEmpty() || coroutine.equals(name)) {
                return name;
            }
            return name + " " + CodeNames.asCall(coroutine);
        }
    }

    private static final String LOOP_LANE = "event loop";
    /** Shorter I/O waits are not drawn: the loop only polled. */
    private static final double MIN_IO_WAIT_MS = 0.05;

    private final long origin = System.nanoTime();
    /** Task lanes in spawn order; loop lanes apart, in the order the loops first waited. */
    private final Map<Task<?>, Recording> tasks = new LinkedHashMap<>();
    /** The task whose step was last recorded and its lane: the hooks of one step ask for it two or three times. */
    private Task<?> lastTask;
    private Recording lastRecording;
    private final Map<EventLoop, Recording> loops = new IdentityHashMap<>();
    private final List<EventLoop> loopOrder = new ArrayList<>();

    /** What is recorded for one lane, and the run slice or wait it is in now. */
    private static final class Recording {
        final List<Span> spans = new ArrayList<>();
        final List<Mark> marks = new ArrayList<>();
        double openSince = -1;
        String waitLabel;
    }

    /** Milliseconds since this timeline was made. */
    public double now() {
        return (System.nanoTime() - origin) / 1e6;
    }

    /**
     * The lanes recorded so far: each loop's I/O waits first, then one lane per task in spawn order (the loop's
     * own housekeeping left out).
     */
    public synchronized List<Lane> lanes() {
        List<Lane> copy = new ArrayList<>();
        double now = now();
        for (int i = 0; i < loopOrder.size(); i++) {
            String name = loopOrder.size() == 1 ? LOOP_LANE : LOOP_LANE + " " + (i + 1);
            copy.add(new Lane(name, "", List.copyOf(loops.get(loopOrder.get(i)).spans)));
        }
        for (Map.Entry<Task<?>, Recording> entry : tasks.entrySet()) {
            Task<?> task = entry.getKey();
            if (Introspect.isHousekeeping(task)) {
                continue;
            }
            Recording recording = entry.getValue();
            List<Span> spans = new ArrayList<>(recording.spans);
            if (recording.waitLabel != null) {
                spans.add(new Span(Kind.WAIT, recording.openSince, now, recording.waitLabel));
            }
            copy.add(new Lane(task.getName(), task.getCoro().getName(), spans, List.copyOf(recording.marks)));
        }
        return copy;
    }

    /** The lanes that have spans, at most {@code max} of them (loop lanes first), for drawing. */
    public List<Lane> lanesToDraw(int max) {
        return lanes().stream().filter(l -> !l.spans().isEmpty()).limit(max).toList();
    }

    /** How many lanes with spans there are in all (for "and N more" under a drawing capped by {@link #lanesToDraw}). */
    public long laneCount() {
        return lanes().stream().filter(l -> !l.spans().isEmpty()).count();
    }

    /**
     * Marks this moment on the lane of the task running now on this thread's loop, with {@code text} (what it
     * printed, say); does nothing when no task of a loop this timeline records is running here.
     */
    public synchronized void mark(String text) {
        EventLoop loop = Events.runningLoopOrNull();
        Task<?> task = loop == null ? null : loop.tasks().current();
        Recording recording = task == null ? null : tasks.get(task);
        if (recording != null) {
            recording.marks.add(new Mark(now(), text));
        }
    }

    private Recording task(Task<?> task) {
        if (task != lastTask) {
            lastRecording = tasks.computeIfAbsent(task, t -> new Recording());
            lastTask = task;
        }
        return lastRecording;
    }

    private Recording loop() {
        EventLoop loop = Events.runningLoopOrNull();
        Recording recording = loops.get(loop);
        if (recording == null) {
            recording = new Recording();
            loops.put(loop, recording);
            loopOrder.add(loop);
        }
        return recording;
    }

    @Override
    public synchronized void taskSpawned(Task<?> task) {
        task(task);
    }

    @Override
    public synchronized void beforeTaskStep(Task<?> task) {
        double now = now();
        Recording recording = task(task);
        if (recording.waitLabel != null) {
            recording.spans.add(new Span(Kind.WAIT, recording.openSince, now, recording.waitLabel));
            recording.waitLabel = null;
        }
        recording.openSince = now;
    }

    @Override
    public synchronized void afterTaskStep(Task<?> task) {
        Recording recording = task(task);
        if (recording.openSince >= 0 && recording.waitLabel == null) {
            recording.spans.add(new Span(Kind.RUN, recording.openSince, now(), "run"));
            recording.openSince = -1;
        }
    }

    @Override
    public synchronized void taskWaiting(Task<?> task, Future<?> future) {
        Recording recording = task(task);
        double now = now();
        if (recording.openSince >= 0) {
            // the step is still open (the wait is noted before the step ends): close the run slice here
            recording.spans.add(new Span(Kind.RUN, recording.openSince, now, "run"));
        }
        recording.openSince = now;
        recording.waitLabel = WaitLabels.of(task);
    }

    @Override
    public synchronized void taskExited(Task<?> task) {
        Recording recording = tasks.get(task);
        if (recording != null) {
            recording.waitLabel = null;
        }
    }

    @Override
    public synchronized void beforeIoWait(double timeout) {
        loop().openSince = now();
    }

    @Override
    public synchronized void afterIoWait(double timeout) {
        Recording recording = loop();
        if (recording.openSince >= 0) {
            double now = now();
            if (now - recording.openSince >= MIN_IO_WAIT_MS) {
                recording.spans.add(new Span(Kind.IO_WAIT, recording.openSince, now, "waiting for I/O or timers"));
            }
            recording.openSince = -1;
        }
    }

    /**
     * A text rendering for consoles: one row per lane (at most {@code maxLanes}), time flowing
     * right over {@code columns} characters, '#' running, '.' waiting, '~' the loop waiting; each
     * long wait is listed under its lane with what it waited for.
     */
    public String toText(int columns, int maxLanes) {
        List<Lane> shown = TimelineLayout.mergeStatements(lanesToDraw(maxLanes));
        // Time counts from the first thing that happened, as in the picture.
        double start = shown.stream().flatMap(l -> l.spans().stream()).mapToDouble(Span::start).min().orElse(0);
        double end = shown.stream().flatMap(l -> l.spans().stream()).mapToDouble(Span::end).max().orElse(0) - start;
        double perColumn = Math.max(end / columns, 1e-9);
        int nameWidth = shown.stream().mapToInt(l -> l.label().length()).max().orElse(4);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  0 ms%s%.0f ms%n", "", " ".repeat(Math.max(1, columns - 10)), end));
        for (Lane lane : shown) {
            char[] row = " ".repeat(columns).toCharArray();
            for (Span span : lane.spans()) {
                char mark = switch (span.kind()) {
                    case RUN -> '#';
                    case WAIT -> '.';
                    case IO_WAIT -> '~';
                };
                int from = (int) Math.min(columns - 1, (span.start() - start) / perColumn);
                int to = (int) Math.min(columns - 1, Math.max(from, (span.end() - start) / perColumn - 1e-9));
                for (int c = from; c <= to; c++) {
                    if (row[c] != '#') {
                        row[c] = mark;
                    }
                }
            }
            out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s |%s|%n", lane.label(), new String(row)));
            for (Span span : lane.spans()) {
                if (span.kind() == Kind.WAIT && span.duration() >= end / 20) {
                    out.append(String.format(Locale.ROOT, "%-" + nameWidth + "s   waits %.0f ms on %s (%.0f–%.0f ms)%n",
                            "", span.duration(), span.label(), span.start() - start, span.end() - start));
                }
            }
        }
        long more = laneCount() - shown.size();
        if (more > 0) {
            out.append("... and ").append(more).append(" more lane").append(more == 1 ? "" : "s").append(", not shown\n");
        }
        return out.toString();
    }

    /** {@link #toText(int, int)} with at most 40 lanes. */
    public String toText(int columns) {
        return toText(columns, 40);
    }
}

package asyncrt.introspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Plain-text renderings of a {@link LoopSnapshot}, for consoles: the loop, the tasks as a table, the tasks as a tree. */
public final class TextReports {
    private TextReports() {}

    /** The loop's state: flags, ready queue, timers, I/O registrations, tasks by state. */
    public static String loop(LoopSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "event loop: running=%s closed=%s debug=%s time=%.3f%s%n",
                s.running(), s.closed(), s.debug(), s.time(), s.consistent() ? "" : " (busy: read while running)"));
        out.append("ready queue: ").append(s.ready().size()).append(" callback").append(s.ready().size() == 1 ? "" : "s").append('\n');
        s.ready().stream().limit(10).forEach(h -> out.append("  ").append(h).append('\n'));
        long live = s.timers().stream().filter(t -> !t.cancelled()).count();
        out.append("timers: ").append(live).append(" scheduled");
        if (s.timers().size() > live) {
            out.append(" (+").append(s.timers().size() - live).append(" cancelled, not yet purged)");
        }
        s.timers().stream().filter(t -> !t.cancelled()).findFirst()
                .ifPresent(t -> out.append(String.format(Locale.ROOT, ", next in %.3f s", t.dueIn())));
        out.append('\n');
        s.timers().stream().filter(t -> !t.cancelled()).limit(10)
                .forEach(t -> out.append(String.format(Locale.ROOT, "  in %8.3f s  %s%n", t.dueIn(), t.callback())));
        out.append("I/O: ").append(s.io().size()).append(" channel").append(s.io().size() == 1 ? "" : "s").append(" watched\n");
        s.io().forEach(r -> out.append("  ").append(r.interest()).append("  ").append(r.channel()).append('\n'));
        Map<String, Long> byState = new TreeMap<>(s.tasks().stream().collect(Collectors.groupingBy(TaskInfo::state, Collectors.counting())));
        out.append("tasks: ").append(s.tasks().size());
        if (!byState.isEmpty()) {
            out.append(" (").append(byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append(")");
        }
        return out.append('\n').toString();
    }

    /** One row per task, like {@code python -m asyncio ps}. */
    public static String tasks(LoopSnapshot s) {
        return align(taskRows(s, " <- "));
    }

    /**
     * The cells of {@link #tasks}: a header row, then one row per task — id, name, state, the coroutine
     * stack (innermost first, frames joined by {@code frameSeparator}), what it awaits, who awaits it.
     */
    public static List<List<String>> taskRows(LoopSnapshot s, String frameSeparator) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("id", "name", "state", "coroutine stack (innermost first)", "awaiting", "awaited by"));
        for (TaskInfo t : s.tasks()) {
            rows.add(List.of(String.valueOf(t.id()), t.name(), t.state(),
                    t.stack().stream().map(FrameInfo::toString).collect(Collectors.joining(frameSeparator)),
                    t.awaiting(),
                    t.awaitedBy().stream().map(id -> s.task(id).map(a -> a.name() + " (" + id + ")").orElse(String.valueOf(id)))
                            .collect(Collectors.joining(", "))));
        }
        return rows;
    }

    /** The tasks as a tree of who awaits whom, like {@code python -m asyncio pstree}. */
    public static String tree(LoopSnapshot s) {
        StringBuilder out = new StringBuilder();
        for (TaskInfo root : s.tasks()) {
            if (root.awaitedBy().isEmpty()) {
                branch(s, root, "", true, out, new java.util.HashSet<>());
            }
        }
        return out.toString();
    }

    private static void branch(LoopSnapshot s, TaskInfo task, String indent, boolean last, StringBuilder out, java.util.Set<Long> seen) {
        out.append(indent).append(last ? "└── " : "├── ").append("(T) ").append(task.name()).append(" [").append(task.state()).append("]\n");
        if (!seen.add(task.id())) {
            return;
        }
        String inner = indent + (last ? "    " : "│   ");
        List<FrameInfo> outermostFirst = new ArrayList<>(task.stack());
        java.util.Collections.reverse(outermostFirst);
        for (FrameInfo frame : outermostFirst) {
            out.append(inner).append("│   ").append(frame).append('\n');
        }
        List<TaskInfo> children = s.tasks().stream().filter(t -> t.awaitedBy().contains(task.id())).toList();
        for (int i = 0; i < children.size(); i++) {
            branch(s, children.get(i), inner, i == children.size() - 1, out, seen);
        }
    }

    /** Columns padded to their widest cell. */
    static String align(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(String.format("%-" + Math.max(1, width[c]) + "s", row.get(c))).append(c < columns - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}

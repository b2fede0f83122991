package asyncrt.kernel.magics.loop;

import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TaskInfo;
import asyncrt.introspect.TextReports;
import asyncrt.kernel.display.HtmlTable;
import asyncrt.kernel.display.MimeBundle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code %loop} shows of one loop: its state, the ready queue, the timers with the next deadline, the
 * channels it watches and its tasks by state — an HTML table for notebooks, aligned text
 * ({@link TextReports#loop}) for consoles, both in one display.
 */
final class LoopView {

    private static final int MAX_LISTED = 10;

    private LoopView() {
    }

    static MimeBundle of(String title, LoopSnapshot s) {
        HtmlTable table = new HtmlTable(List.of("", "how many", "what"));
        table.row(List.of("ready queue", count(s.ready().size(), "callback"), listed(s.ready())));
        List<LoopSnapshot.TimerInfo> timers = s.timers().stream().filter(t -> !t.cancelled()).toList();
        String next = timers.isEmpty() ? "" : String.format(Locale.ROOT, ", next in %.3f s", timers.getFirst().dueIn());
        table.row(List.of("timers", count(timers.size(), "timer") + next, listed(timers.stream()
                .map(t -> String.format(Locale.ROOT, "in %.3f s: %s", t.dueIn(), t.callback())).toList())));
        table.row(List.of("I/O", count(s.io().size(), "channel") + " watched",
                listed(s.io().stream().map(r -> r.interest() + ": " + r.channel()).toList())));
        Map<String, List<String>> byState = new TreeMap<>(s.tasks().stream()
                .collect(Collectors.groupingBy(TaskInfo::state, Collectors.mapping(TaskInfo::name, Collectors.toList()))));
        table.row(List.of("tasks", count(s.tasks().size(), "task"), listed(byState.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey() + ": " + String.join(", ", e.getValue())).toList())));
        String html = "<div class=\"asyncrt-loop\"><p><b>" + HtmlTable.escape(title) + "</b>: " + HtmlTable.escape(state(s))
                + "</p>\n" + table.html() + "</div>";
        return MimeBundle.text(title + "\n" + TextReports.loop(s)).with("text/html", HtmlTable.noMath(html));
    }

    private static String state(LoopSnapshot s) {
        return (s.closed() ? "closed" : s.running() ? "running" : "not running")
                + ", debug " + (s.debug() ? "on" : "off")
                + String.format(Locale.ROOT, ", loop time %.3f s", s.time())
                + (s.consistent() ? "" : " (it was busy in a callback, so this was read while it ran)");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String listed(List<String> entries) {
        String shown = entries.stream().limit(MAX_LISTED).collect(Collectors.joining("\n"));
        return entries.size() > MAX_LISTED ? shown + "\n... and " + (entries.size() - MAX_LISTED) + " more" : shown;
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.introspect.Introspect;
import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TaskInfo;
import asyncrt.kernel.util.Log;
import asyncrt.kernel.display.Display;
import asyncrt.kernel.display.HtmlTable;
import asyncrt.kernel.display.MimeBundle;
import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.tasks.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The table {@code %%live} keeps redrawing while its cell runs: every task of the watched loops — those
 * pending now and those spawned during the cell that have finished — with its state, where it stands and what
 * it waits for, under a line per loop. Shown once with a display id, then replaced in place
 * ({@code update_display_data}) whenever it changes, from a thread of its own; drawn a last time when closed.
 */
final class LiveView implements AutoCloseable {

    private final LoopWatch watch;
    private final TaskRecorder recorder;
    private final ShownLoops names;
    private final JShellEvaluator jshell;
    private final long intervalMillis;
    private final String displayId = "asyncrt-live-" + UUID.randomUUID();
    private final long start = System.nanoTime();
    private final Thread drawer;
    private String lastDrawn;

    LiveView(LoopWatch watch, TaskRecorder recorder, ShownLoops names, JShellEvaluator jshell, double intervalSeconds) {
        this.watch = watch;
        this.recorder = recorder;
        this.names = names;
        this.jshell = jshell;
        this.intervalMillis = Math.round(intervalSeconds * 1000);
        Display.display(frame(), displayId);
        drawer = Thread.ofPlatform().daemon().name("live-view").start(this::redrawUntilClosed);
    }

    private void redrawUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            redraw();
        }
    }

    private synchronized void redraw() {
        try {
            MimeBundle frame = frame();
            String html = frame.data().get("text/html");
            if (!html.equals(lastDrawn)) {
                lastDrawn = html;
                Display.updateDisplay(displayId, frame);
            }
        } catch (RuntimeException e) {
            Log.debug("%%live skipped a frame: " + e); // a loop changed under a snapshot read while it was busy
        }
    }

    /** The table now: a line per loop, then a row per task, by id. */
    private MimeBundle frame() {
        List<String> loopLines = new ArrayList<>();
        List<TaskInfo> rows = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (EventLoop loop : watch.loops()) {
            LoopSnapshot s = CellSnapshots.take(loop, jshell);
            if (s.tasks().isEmpty() && !s.running()) {
                continue;
            }
            loopLines.add(loopLine(loop, s));
            s.tasks().stream().filter(t -> seen.add(t.id())).forEach(rows::add);
        }
        for (Task<?> task : recorder.spawned()) {
            if (task.done() && seen.add(task.id())) {
                rows.add(CellSnapshots.relabel(Introspect.describe(task, null, List.of(), 0), jshell));
            }
        }
        rows.sort((a, b) -> Long.compare(a.id(), b.id()));
        String heading = String.format(Locale.ROOT, "%%%%live, t = %.2f s", (System.nanoTime() - start) / 1e9)
                + (loopLines.isEmpty() ? ": no loop is running" : "");
        HtmlTable table = new HtmlTable(List.of("id", "task", "state", "where", "waiting for"));
        List<String> text = new ArrayList<>(List.of(heading));
        text.addAll(loopLines);
        for (TaskInfo t : rows) {
            table.row(List.of(String.valueOf(t.id()), t.name(), t.state(), t.where(), t.awaiting()));
            text.add(String.format(Locale.ROOT, "%5d  %-16s %-10s %s%s", t.id(), t.name(), t.state(), t.where(),
                    t.awaiting().isEmpty() ? "" : "  <- " + t.awaiting()));
        }
        String html = "<div class=\"asyncrt-live\"><p><b>" + HtmlTable.escape(heading) + "</b><br>"
                + loopLines.stream().map(HtmlTable::escape).collect(Collectors.joining("<br>")) + "</p>\n"
                + (rows.isEmpty() ? "" : table.html()) + "</div>";
        return MimeBundle.text(String.join("\n", text)).with("text/html", HtmlTable.noMath(html));
    }

    private String loopLine(EventLoop loop, LoopSnapshot s) {
        String title = names.isKernels(loop) ? "the kernel's loop" : "event loop " + asyncrt.events.LoopRegistry.number(loop);
        long timers = s.timers().stream().filter(t -> !t.cancelled()).count();
        String next = s.timers().stream().filter(t -> !t.cancelled()).findFirst()
                .map(t -> String.format(Locale.ROOT, " (next in %.2f s)", t.dueIn())).orElse("");
        return title + ": " + (s.running() ? "running" : "not running") + ", " + s.ready().size() + " ready, "
                + timers + " timer" + (timers == 1 ? "" : "s") + next + ", " + s.io().size() + " I/O";
    }

    @Override
    public void close() {
        drawer.interrupt();
        try {
            drawer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redraw();
    }
}

package asyncrt.kernel.magics.loop;

import asyncrt.events.EventLoop;
import asyncrt.introspect.FrameInfo;
import asyncrt.introspect.Introspect;
import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TaskInfo;
import asyncrt.kernel.execution.JShellEvaluator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loop snapshots whose frames name cells: code written in a cell runs in JShell's generated classes, whose
 * frames say {@code $JShell$42.java:9}; here they say {@code In [5]:3}, the cell and line the learner sees. A
 * coroutine written as a lambda among a cell's own statements (JShell runs those in a method {@code do_it$})
 * is called {@code <lambda>}.
 */
final class CellSnapshots {

    private static final Pattern WRAPPER_LAMBDA = Pattern.compile("(\\$JShell\\$\\d+)\\.<lambda>\\(\\)");

    private CellSnapshots() {
    }

    /** A snapshot of {@code loop} (see {@link Introspect#snapshot}) with cell frames named after their cells. */
    static LoopSnapshot take(EventLoop loop, JShellEvaluator jshell) {
        return relabel(Introspect.snapshot(loop), jshell);
    }

    /** The snapshot with cell frames, and callbacks written in cells, named after their cells. */
    static LoopSnapshot relabel(LoopSnapshot s, JShellEvaluator jshell) {
        List<TaskInfo> tasks = s.tasks().stream().map(t -> relabel(t, jshell)).toList();
        List<String> ready = s.ready().stream().map(h -> cellNames(h, jshell)).toList();
        List<LoopSnapshot.TimerInfo> timers = s.timers().stream()
                .map(t -> new LoopSnapshot.TimerInfo(t.dueIn(), cellNames(t.callback(), jshell), t.cancelled()))
                .toList();
        return new LoopSnapshot(s.running(), s.closed(), s.debug(), s.time(), ready, timers, s.io(), tasks, s.consistent());
    }

    /** {@code <Handle $JShell$119.<lambda>()>} as {@code <Handle <lambda>() In [7]:3>}: where the cell code is. */
    private static String cellNames(String text, JShellEvaluator jshell) {
        return WRAPPER_LAMBDA.matcher(text).replaceAll(m -> Matcher.quoteReplacement(jshell.cellOfWrapper(m.group(1))
                .map(p -> "<lambda>() " + p.cell() + ":" + p.line())
                .orElse(m.group())));
    }

    /** The task with cell frames named after their cells. */
    static TaskInfo relabel(TaskInfo t, JShellEvaluator jshell) {
        List<FrameInfo> stack = t.stack().stream()
                .map(f -> jshell.cellPosition(f.file(), f.line())
                        .map(p -> new FrameInfo(f.coroutine().equals("do_it") ? "<lambda>" : f.coroutine(), p.cell(), p.line()))
                        .orElse(f))
                .toList();
        return new TaskInfo(t.id(), t.name(), t.state(), stack, t.awaiting(), t.awaitedBy(), t.repr());
    }
}

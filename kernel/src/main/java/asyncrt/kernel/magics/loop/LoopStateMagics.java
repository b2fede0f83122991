package asyncrt.kernel.magics.loop;

import asyncrt.introspect.Introspect;
import asyncrt.introspect.LoopSnapshot;
import asyncrt.introspect.TaskInfo;
import asyncrt.kernel.display.Display;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import asyncrt.tasks.Task;
import asyncrt.events.EventLoop;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Optional;

/** The magics that show the loops' state and act on them: {@code %loop}, {@code %tasks}, {@code %where}, {@code %step}, {@code %cancel}. */
final class LoopStateMagics {

    private final ShownLoops loops;
    /** How many turns %step has run of each loop, to number them on. */
    private final Map<EventLoop, Integer> turnsStepped = new WeakHashMap<>();

    LoopStateMagics(ShownLoops loops) {
        this.loops = loops;
    }

    void register(MagicRegistry registry) {
        registry.line("loop", """
                %loop
                Shows the event loop's state now: running or not, closed, debug mode, the ready queue (callbacks to
                run next), the timers (each with when it is due, and which task a sleep's timer wakes), the channels
                it watches for I/O (sockets, pipes) and its tasks by state. A table in a notebook, text in a console.
                Which loop: the kernel's own loop, which runs every cell's statements and lives between cells (its
                tasks, timers and servers go on while no cell runs); a loop Asyncio.run made, while it runs (seen
                from %%live); and any loop made with newEventLoop() and not closed yet.""", this::loop);
        registry.line("tasks", """
                %tasks [--tree]
                Lists the pending tasks of the event loop (see %loop? for which loop), like python -m asyncio ps:
                each task's id, name and state (running, ready, waiting, cancelling), the coroutines it is suspended
                in, innermost first, with cell and line, what it waits for (a sleep's timer and when it is due, a
                queue, a socket, another task, a gather) and which tasks await it.
                --tree: the tasks as a tree of who awaits whom, like python -m asyncio pstree.""", this::tasks);
        registry.line("where", """
                %where TASK
                Where a task is suspended: its coroutine stack with cell and line, innermost first, what it waits for,
                and the tasks that await it, recursively (the shape of Python's asyncio.format_call_graph).
                TASK is a task's id or name, as %tasks shows them.""", this::where);
        registry.line("step", """
                %step [N]
                Runs one turn of an event loop made with newEventLoop() that is open and not running (N turns with a
                number), then shows the loop as %loop does. One turn is what the loop repeats while it runs: wait
                for I/O until the next timer is due (not at all when callbacks are ready), move due timers and
                ready channels' callbacks to the ready queue, run the callbacks that were ready when the turn began
                (those they schedule wait for the next turn). Each turn is summed up in a line, numbered from the
                loop's first turn stepped: how long it waited,
                what ran, what is left. With nothing ready, no timer and no channel watched, there is nothing to
                step, and it says so. (The kernel's own loop runs all the time, and a loop inside Asyncio.run runs
                to its end: neither can be stepped.)""", this::step);
        registry.line("cancel", """
                %cancel TASK
                Cancels a task, as task.cancel() does: a CancelledError is thrown into it at the await where it is
                suspended, the next time its loop runs (the kernel's loop runs all the time, so: at once).
                TASK is a task's id or name, as %tasks shows them.""", this::cancel);
    }

    private Optional<Value> loop(String args, MagicContext context) throws MagicException {
        if (!args.isBlank()) {
            throw new MagicException("%loop takes no arguments (it shows every loop that is open); %loop? explains");
        }
        List<ShownLoops.Shown> shown = loops.now();
        for (ShownLoops.Shown s : shown) {
            Display.display(LoopView.of(s.title(), CellSnapshots.take(s.loop(), context.evaluator())));
        }
        return Optional.empty();
    }

    private Optional<Value> tasks(String args, MagicContext context) throws MagicException {
        boolean tree = args.strip().equals("--tree");
        if (!tree && !args.isBlank()) {
            throw new MagicException("%tasks: unknown option '" + args.strip() + "'; use %tasks, or %tasks --tree for who awaits whom");
        }
        for (ShownLoops.Shown s : loops.now()) {
            LoopSnapshot snapshot = CellSnapshots.take(s.loop(), context.evaluator());
            Display.display(tree ? TasksView.tree(s.title(), snapshot) : TasksView.table(s.title(), snapshot));
        }
        return Optional.empty();
    }

    private Optional<Value> where(String args, MagicContext context) throws MagicException {
        TaskLookup.Found found = TaskLookup.find("%where", args, loops.now());
        LoopSnapshot snapshot = CellSnapshots.take(found.loop().loop(), context.evaluator());
        long id = found.task().id();
        TaskInfo task = snapshot.task(id).orElseThrow(() -> new MagicException("%where: task " + id + " has just finished"));
        System.out.print(Introspect.formatCallGraph(snapshot, id));
        System.out.println("  + State: " + task.state() + (task.awaiting().isEmpty() ? "" : ", waiting for " + task.awaiting()));
        System.out.println("  + On " + found.loop().title());
        return Optional.empty();
    }

    private Optional<Value> step(String args, MagicContext context) throws MagicException {
        int turns = turns(args);
        ShownLoops.Shown shown = loops.now().stream()
                .filter(s -> !loops.isKernels(s.loop()) && !s.loop().isRunning() && !s.loop().isClosed())
                .findFirst()
                .orElseThrow(() -> new MagicException("%step: no event loop to step: make one with EventLoop loop = newEventLoop();"
                        + " and give it work (callSoon, callLater, createTask...). The kernel's own loop and a loop"
                        + " inside Asyncio.run run by themselves."));
        EventLoop loop = shown.loop();
        for (int i = 0; i < turns; i++) {
            LoopSnapshot before = Introspect.snapshot(loop);
            if (before.ready().isEmpty() && before.timers().stream().allMatch(LoopSnapshot.TimerInfo::cancelled) && before.io().isEmpty()) {
                System.out.println("%step: " + shown.title() + " has nothing to do: nothing ready, no timer, no channel watched");
                break;
            }
            int turn = turnsStepped.merge(loop, 1, Integer::sum);
            long start = System.nanoTime();
            loop.runOneTurn();
            double took = (System.nanoTime() - start) / 1e9;
            LoopSnapshot after = Introspect.snapshot(loop);
            System.out.println(String.format(Locale.ROOT, "turn %d of %s: %s%d callback%s ready at its start; now %d ready, %d timer%s, %d channel%s watched",
                    turn, shown.title(), took >= 0.001 ? String.format(Locale.ROOT, "waited %.3f s, ", took) : "",
                    before.ready().size(), before.ready().size() == 1 ? "" : "s", after.ready().size(),
                    after.timers().size(), after.timers().size() == 1 ? "" : "s", after.io().size(), after.io().size() == 1 ? "" : "s"));
        }
        Display.display(LoopView.of(shown.title(), CellSnapshots.take(loop, context.evaluator())));
        return Optional.empty();
    }

    private static int turns(String args) throws MagicException {
        if (args.isBlank()) {
            return 1;
        }
        try {
            int turns = Integer.parseInt(args.strip());
            if (turns >= 1 && turns <= 1000) {
                return turns;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MagicException("%step takes how many turns to run, from 1 to 1000 (default 1), not '" + args.strip() + "'");
    }

    private Optional<Value> cancel(String args, MagicContext context) throws MagicException {
        TaskLookup.Found found = TaskLookup.find("%cancel", args, loops.now());
        Task<?> task = found.task();
        boolean cancelled = LoopAccess.call(found.loop().loop(), task::cancel);
        if (!cancelled) {
            System.out.println("%cancel: " + task.getName() + " had already finished");
        } else if (found.loop().loop().isRunning()) {
            System.out.println("Cancelled " + task.getName() + " (id " + task.id() + ") on " + found.loop().title()
                    + ": it gets CancelledError at its await now.");
        } else {
            System.out.println("Cancelled " + task.getName() + " (id " + task.id() + ") on " + found.loop().title()
                    + ": it gets CancelledError at its await when the loop next runs.");
        }
        return Optional.empty();
    }

}

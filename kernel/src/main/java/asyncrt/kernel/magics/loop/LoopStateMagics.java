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
import java.util.List;
import java.util.Optional;

/** The magics that show the loops' state and act on their tasks: {@code %loop}, {@code %tasks}, {@code %where}, {@code %cancel}. */
final class LoopStateMagics {

    private final ShownLoops loops;

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

package asyncrt.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import asyncrt.kernel.protocol.Message;
import asyncrt.kernel.testing.Execution;
import asyncrt.kernel.testing.KernelClient;
import asyncrt.kernel.testing.KernelProcess;
import asyncrt.kernel.testing.SharedKernel;
import asyncrt.kernel.testing.TimelinePicture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loop-state magics through a real kernel: what {@code %tasks}, {@code %where}, {@code %loop} and
 * {@code %cancel} print for known programs suspended in a sleep, a queue get, socket I/O and a gather; the
 * section-6 picture {@code %%timeline} draws; {@code %%live}'s redrawing; {@code %trace}; debug mode; top-level
 * await across cells. Programs wait for conditions, never for a fixed time, and timing checks allow 10 %.
 */
class LoopMagicsIT {

    @RegisterExtension
    static final SharedKernel KERNEL = new SharedKernel(KernelProcess.builder());

    private static KernelClient client() {
        return KERNEL.client();
    }

    /** Runs a cell that must succeed; returns its label, e.g. {@code In [4]}. */
    private static String ok(String code) throws Exception {
        Execution run = client().execute(code);
        assertEquals("ok", run.status(), run.toString());
        return run.label();
    }

    /** The display's text of a magic that shows one loop. */
    private static String shown(String magic) throws Exception {
        Execution run = client().execute(magic);
        assertEquals("ok", run.status(), run.toString());
        List<String> html = run.displays("text/html");
        assertFalse(html.isEmpty() || !html.getFirst().contains("<table>") && !html.getFirst().contains("<pre>"),
                magic + " shows an HTML table: " + run);
        return String.join("\n", run.displays("text/plain"));
    }

    @Test
    void tasksAndWhereShowTasksSuspendedInSleepQueueGetSocketReadAndGather() throws Exception {
        String defs = ok("""
                Coroutine<Void> napper() {
                    return async(() -> {
                        await(sleep(60));
                    });
                }
                Coroutine<String> taker(Queue<String> q) {
                    return async(() -> await(q.get()));
                }
                Coroutine<byte[]> listener(StreamReader r) {
                    return async(() -> await(r.read(100)));
                }
                """);
        ok("""
                Queue<String> jobs = new Queue<>();
                List<String> accepted = new CopyOnWriteArrayList<>();
                Server quiet = await(startServer((r, w) -> async(() -> { accepted.add("client"); await(r.read(100)); }), "127.0.0.1", 0));
                int quietPort = quiet.sockets().get(0).socket().getLocalPort();
                StreamPair conn = await(openConnection("127.0.0.1", quietPort));
                Task<Void> sleeper = createTask(napper(), "sleeper");
                Task<String> getter = createTask(taker(jobs), "getter");
                Task<byte[]> reader = createTask(listener(conn.reader()), "reader");
                Task<List<Object>> gatherer = createTask(async(() -> await(gather(sleeper, getter))), "gatherer");
                for (int i = 0; i < 600 && (accepted.isEmpty() || !gatherer.getCoro().started()); i++) { await(sleep(0.05)); }
                """);
        String port = client().execute("quietPort").result();
        try {
            String tasks = shown("%tasks");
            assertTrue(tasks.startsWith("the kernel's loop\nid  name"), tasks);
            String awaitedBy = "gatherer \\(\\d+\\)";
            assertRow(tasks, "sleeper", "sleep\\(\\) Sleep\\.java:\\d+ <- napper\\(\\) " + Pattern.quote(defs + ":3"),
                    "sleep\\(60\\) until loop time [\\d.]+ \\(in [56]\\d\\.\\d{3} s\\)", awaitedBy);
            assertRow(tasks, "getter", "get\\(\\) Queue\\.java:\\d+ <- taker\\(\\) " + Pattern.quote(defs + ":7"),
                    Pattern.quote("Queue.get() on <Queue maxsize=0 _getters[1]>"), awaitedBy);
            assertRow(tasks, "reader", "read\\(\\) StreamReader\\.java:\\d+ <- listener\\(\\) " + Pattern.quote(defs + ":10"),
                    "StreamReader\\.read\\(\\) on socket \\('127\\.0\\.0\\.1', \\d+\\) -> \\('127\\.0\\.0\\.1', " + port + "\\)", "");
            assertRow(tasks, "gatherer", "<lambda> \\(In \\[\\d+\\], line 9\\) In \\[\\d+\\]:9", "gather of sleeper, getter", "");
            assertTrue(Pattern.compile("(?m)^\\d+ +Task-\\d+ +waiting .*StreamReader\\.read\\(\\) on socket \\('127\\.0\\.0\\.1', "
                    + port + "\\) -> ").matcher(tasks).find(), "the server's handler of the connection reads: " + tasks);

            String tree = shown("%tasks --tree");
            assertTrue(tree.contains("└── (T) gatherer [waiting]") && tree.contains("├── (T) sleeper [waiting]")
                    && tree.contains("└── (T) getter [waiting]"), tree);

            String where = client().execute("%where sleeper").stream("stdout");
            assertTrue(where.startsWith("* Task(name='sleeper', id="), where);
            assertTrue(where.contains("  + Call stack:\n  |   File 'Sleep.java', line ") && where.contains("in sleep()\n"), where);
            assertTrue(where.contains("|   File '" + defs + "', line 3, in napper()"), where);
            assertTrue(where.contains("  + Awaited by:\n     * Task(name='gatherer', id="), where);
            assertTrue(where.contains("  + State: waiting, waiting for sleep(60) until loop time"), where);

            String loop = shown("%loop");
            assertTrue(loop.startsWith("the kernel's loop\nevent loop: running=true closed=false"), loop);
            assertTrue(loop.contains("(wakes Task 'sleeper')"), loop);
            assertTrue(loop.contains("  read  listening socket ('127.0.0.1', " + port + ")"), loop);
            assertTrue(loop.matches("(?s).*tasks: \\d+ \\(\\d+ waiting\\).*"), loop);
        } finally {
            ok("""
                    for (Task<?> t : List.of(sleeper, getter, reader, gatherer)) { t.cancel(); }
                    conn.writer().close();
                    quiet.close();
                    await(sleep(0.05));
                    """);
        }
        assertTrue(client().execute("%tasks").displays("text/plain").stream().noneMatch(t -> t.contains("sleeper")),
                "the cancelled tasks are gone");
    }

    private static void assertRow(String table, String name, String stack, String awaiting, String awaitedBy) {
        Pattern row = Pattern.compile("(?m)^\\d+ +" + name + " +waiting +" + stack + " +" + awaiting + " *" + awaitedBy + "$");
        assertTrue(row.matcher(table).find(), "a row " + row + " in\n" + table);
    }

    @Test
    void cancelCancelsATaskByNameOrIdAndSaysWhichTasksThereAreWhenNoneMatches() throws Exception {
        ok("""
                Task<Void> idler = createTask(sleep(60), "idler");
                Task<Void> other = createTask(sleep(60), "other");
                await(sleep(0));
                """);
        Execution unknown = client().execute("%cancel nosuch");
        assertEquals("MagicError", unknown.ename());
        assertTrue(unknown.traceback().contains("no pending task has the name nosuch") && unknown.traceback().contains("idler (id ")
                && unknown.traceback().contains("other (id "), unknown.traceback());
        assertTrue(client().execute("%cancel").traceback().contains("%cancel needs a task"));

        String byName = client().execute("%cancel idler").stream("stdout");
        assertTrue(byName.startsWith("Cancelled idler (id ") && byName.contains("it gets CancelledError at its await now"), byName);
        String id = client().execute("other.id()").result();
        assertTrue(client().execute("%cancel " + id).stream("stdout").startsWith("Cancelled other (id " + id + ")"));
        Execution after = client().execute("await(sleep(0.01));\nidler.cancelled() && other.cancelled()");
        assertEquals("true", after.result(), after.toString());
        assertTrue(client().execute("%where idler").traceback().contains("no pending task has the name idler"));
    }

    @Test
    void loopShowsALoopMadeByHandThatIsNotClosedYet() throws Exception {
        ok("""
                EventLoop handMade = newEventLoop();
                handMade.callSoon(() -> { });
                handMade.callLater(30, () -> { });
                """);
        try {
            Execution run = client().execute("%loop");
            String handMade = run.displays("text/plain").stream().filter(t -> t.startsWith("event loop ")).findFirst().orElseThrow(
                    () -> new AssertionError("a display for the hand-made loop: " + run));
            assertTrue(handMade.contains("running=false") && handMade.contains("ready queue: 1 callback")
                    && handMade.matches("(?s).*timers: 1 scheduled, next in (29|30)\\..*"), handMade);
        } finally {
            ok("handMade.close();");
        }
    }

    @Test
    void timelineDrawsSectionSixAsTwoOverlappingWaitsOfTwoAndOneSeconds() throws Exception {
        ok("""
                Coroutine<String> task1() {
                    return async(() -> {
                        System.out.println("Task 1: Starting");
                        await(sleep(2));
                        System.out.println("Task 1: After sleep");
                        return "Result 1";
                    });
                }
                Coroutine<String> task2() {
                    return async(() -> {
                        System.out.println("Task 2: Starting");
                        await(sleep(1));
                        System.out.println("Task 2: After sleep");
                        return "Result 2";
                    });
                }
                Coroutine<Void> main() {
                    return async(() -> {
                        List<String> results = await(gather(task1(), task2()));
                        System.out.println("Results: " + results);
                    });
                }
                """);
        Execution run = client().execute("%%timeline\nAsyncio.run(main());");
        assertEquals("ok", run.status(), run.toString());
        assertTrue(run.stream("stdout").contains("Results: [Result 1, Result 2]"), run.toString());
        List<String> svgs = run.displays("image/svg+xml");
        assertEquals(1, svgs.size(), run.toString());
        for (String printed : List.of("Task 1: Starting", "Task 2: Starting", "Task 2: After sleep", "Task 1: After sleep", "Results: [Result 1, Result 2]")) {
            assertTrue(svgs.getFirst().contains("<title>printed: " + printed + "</title>"), "the moment '" + printed + "' was printed is marked");
        }
        Path file = Path.of("target", "timeline-kernel-section6.svg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, svgs.getFirst());

        TimelinePicture picture = TimelinePicture.parse(svgs.getFirst());
        TimelinePicture.Lane lane1 = lane(picture, "task1()");
        TimelinePicture.Lane lane2 = lane(picture, "task2()");
        TimelinePicture.Span wait1 = onlySleep(lane1);
        TimelinePicture.Span wait2 = onlySleep(lane2);
        assertEquals(2000, wait1.duration(), 200, "task1 waits 2 s: " + wait1);
        assertEquals(1000, wait2.duration(), 100, "task2 waits 1 s: " + wait2);
        assertTrue(wait2.startMs() < wait1.endMs() && wait1.startMs() < wait2.endMs(), "the waits overlap");
        double total = Math.max(wait1.endMs(), wait2.endMs()) - Math.min(wait1.startMs(), wait2.startMs());
        assertEquals(2000, total, 200, "the two take about 2 s together, not 3");
        assertTrue(lane(picture, "main()").spans("wait").getFirst().title().startsWith("gather("), "main waits on the gather");

        String text = run.displays("text/plain").getFirst();
        assertTrue(text.contains("task1()") && text.contains("waits 2") && text.contains("on sleep("), text);
    }

    private static TimelinePicture.Lane lane(TimelinePicture picture, String coroutine) {
        return picture.lanes().stream().filter(l -> l.label().endsWith(" " + coroutine)).findFirst()
                .orElseThrow(() -> new AssertionError("a lane for " + coroutine + " in " + picture));
    }

    private static TimelinePicture.Span onlySleep(TimelinePicture.Lane lane) {
        List<TimelinePicture.Span> sleeps = lane.spans("wait").stream().filter(s -> s.title().startsWith("sleep(")).toList();
        assertEquals(1, sleeps.size(), lane.toString());
        return sleeps.getFirst();
    }

    @Test
    void liveRedrawsTheTaskTableInPlaceWhileTheCellRuns() throws Exception {
        Execution run = client().execute("""
                %%live 0.1
                Asyncio.run(async(() -> {
                    Task<Void> napping = createTask(sleep(1.0), "napping");
                    await(napping);
                }));
                """);
        assertEquals("ok", run.status(), run.toString());
        List<Message> shown = run.ofType("display_data");
        assertEquals(1, shown.size(), run.toString());
        String id = shown.getFirst().content().getAsJsonObject("transient").get("display_id").getAsString();
        List<Message> updates = run.ofType("update_display_data");
        assertTrue(updates.size() >= 2, "redrawn several times: " + run);
        List<String> frames = updates.stream()
                .peek(u -> assertEquals(id, u.content().getAsJsonObject("transient").get("display_id").getAsString()))
                .map(u -> u.content().getAsJsonObject("data").get("text/plain").getAsString())
                .toList();
        Pattern waiting = Pattern.compile("(?m)^ *\\d+ +napping +waiting +sleep\\(\\) .*<- sleep\\(1\\) until loop time");
        assertTrue(frames.stream().anyMatch(f -> waiting.matcher(f).find()), "a frame shows napping asleep: " + frames);
        assertTrue(Pattern.compile("(?m)^ *\\d+ +napping +done ").matcher(frames.getLast()).find(), "the last shows it done: " + frames.getLast());
        assertTrue(updates.getLast().content().getAsJsonObject("data").get("text/html").getAsString().contains("<table>"));
    }

    @Test
    void traceOnPrintsEachEventOfEveryLoopUntilOff() throws Exception {
        String program = "Asyncio.run(async(() -> { await(createTask(sleep(0.05), \"traced\")); }));";
        assertTrue(client().execute("%trace on").stream("stdout").contains("%trace is on"));
        try {
            String log = client().execute(program).stream("stdout");
            for (String event : List.of("### new task spawned: traced", "### task scheduled: traced",
                    "### about to run one step of task: traced", "### task traced waits on sleep()",
                    "### waiting for I/O for up to 0.0", "### finished I/O check (took ", "### task exited: traced",
                    "### starting run", "### finished run")) {
                assertTrue(log.contains(event), event + " in\n" + log);
            }
            // Not the kernel's loop idling between cells, nor the end of a wait that began before %trace on.
            assertFalse(log.contains("waiting for I/O with no deadline"), log);
            Matcher took = Pattern.compile("finished I/O check \\(took ([0-9.]+) seconds\\)").matcher(log);
            while (took.find()) {
                assertTrue(Double.parseDouble(took.group(1)) < 10, took.group() + " in\n" + log);
            }
        } finally {
            assertTrue(client().execute("%trace off").stream("stdout").contains("%trace is off"));
        }
        assertFalse(client().execute(program).stream("stdout").contains("###"));
        assertEquals("MagicError", client().execute("%trace loudly").ename());
    }

    @Test
    void debugModeReportsASlowCallbackOnTheCellsStandardError() throws Exception {
        String blocking = "Asyncio.run(async(() -> { Thread.sleep(150); }));";
        assertTrue(client().execute("%asyncio debug on").stream("stdout").contains("asyncio debug mode: on for every loop"));
        try {
            assertTrue(client().execute("%asyncio slow 0.05").stream("stdout").contains("slow-callback threshold: 0.050 s"));
            String err = client().execute(blocking).stream("stderr");
            assertTrue(Pattern.compile("(?m)^Executing <Task \\w+ name='Task-\\d+' .*> took 0\\.\\d{3} seconds$").matcher(err).find(), err);
            Execution run = client().execute("Asyncio.run(async(() -> { Thread.sleep(150); await(sleep(0.01)); }));");
            String runCell = run.label();
            String runErr = run.stream("stderr");
            assertTrue(runErr.contains("cb=[runUntilCompleteCallback()]"), "Asyncio.run's callback by its name: " + runErr);
            assertTrue(runErr.contains("coro=<coroutine object <lambda> (" + runCell + ", line 1) suspended>"),
                    "the lambda named by its cell while that cell runs: " + runErr);
            Execution awaited = client().execute("await(async(() -> { Thread.sleep(150); await(sleep(0.01)); }));");
            String cell = awaited.label();
            String slowStep = awaited.stream("stderr");
            assertTrue(slowStep.contains("<Task pending name='" + cell + "'") && slowStep.contains("cb=[reply to " + cell + "]"),
                    "the cell's task and its callback in the learner's words: " + slowStep);
            assertFalse(slowStep.contains("<lambda>()") || runErr.contains("<lambda>()"), slowStep + runErr);
        } finally {
            client().execute("%asyncio debug off");
            client().execute("%asyncio slow 0.1");
        }
        String quiet = client().execute(blocking).stream("stderr");
        assertFalse(quiet.contains("Executing"), "not in debug mode: " + quiet);
        assertTrue(client().execute("%asyncio slow soon").traceback().contains("%asyncio slow takes a number of seconds"));
        assertTrue(client().execute("%asyncio verbose").traceback().contains("%asyncio debug on|off"));
    }

    @Test
    void topLevelAwaitKeepsTasksOnTheKernelsLoopFromCellToCell() throws Exception {
        ok("""
                Task<String> later = createTask(async(() -> { await(sleep(0.3)); return "later's result"; }), "later");
                await(sleep(0));
                """);
        assertTrue(Pattern.compile("(?m)^\\d+ +later +waiting ").matcher(shown("%tasks")).find(), "the task outlived its cell");
        assertEquals("\"later's result\"", client().execute("await(later)").result());

        // await(...) only inside coroutine bodies: no kernel loop involved, so Asyncio.run works in the cell.
        assertEquals("7", client().execute("Asyncio.run(async(() -> { await(sleep(0.01)); return 7; }))").result());

        assertTrue(client().execute("%autoawait off").stream("stdout").contains("%autoawait is off"));
        try {
            Execution refused = client().execute("await(sleep(0.01))");
            assertTrue(refused.traceback().contains("outside a coroutine"), refused.traceback());
        } finally {
            assertTrue(client().execute("%autoawait on").stream("stdout").contains("%autoawait is on"));
        }
        assertEquals("3", client().execute("int three = await(async(() -> 3));\nthree").result());
        Execution nested = client().execute("await(async(() -> Asyncio.run(async(() -> 1))))");
        assertTrue(nested.traceback().contains("cannot be called from a running event loop"), nested.traceback());
    }

    @Test
    void everyLoopMagicHasHelpAndRefusesBadArguments() throws Exception {
        for (String magic : List.of("loop", "tasks", "where", "step", "cancel", "timeline", "live", "trace", "asyncio", "autoawait")) {
            String help = client().execute("%" + magic + "?").stream("stdout");
            assertTrue(help.startsWith("%" + magic) || help.startsWith("%%" + magic), magic + ": " + help);
        }
        String autoawait = client().execute("%autoawait?").stream("stdout");
        assertTrue(autoawait.contains("How it differs from Asyncio.run"), autoawait);
        assertTrue(client().execute("%tasks --all").traceback().contains("%tasks --tree"));
        assertTrue(client().execute("%loop now").traceback().contains("%loop takes no arguments"));
        assertTrue(client().execute("%step twice").traceback().contains("%step takes how many turns"));
        assertTrue(client().execute("%%live soon\n1").traceback().contains("%%live takes how often to redraw"));
        assertTrue(client().execute("%%timeline wide\n1").traceback().contains("%%timeline takes no arguments"));
        Matcher none = Pattern.compile("nothing to draw").matcher(client().execute("%%timeline\n1 + 1").stream("stdout"));
        assertTrue(none.find(), "a cell that runs no loop draws nothing, and says why");
    }

    @Test
    void stepRunsALoopOneTurnAtATime() throws Exception {
        assertTrue(client().execute("%step").traceback().contains("no event loop to step"));
        ok("""
                List<String> ran = new ArrayList<>();
                EventLoop stepped = newEventLoop();
                stepped.callSoon(() -> ran.add("soon 1"));
                stepped.callSoon(() -> { ran.add("soon 2"); stepped.callSoon(() -> ran.add("scheduled by soon 2")); });
                stepped.callLater(1.0, () -> ran.add("timer"));
                """);
        Execution first = client().execute("%step");
        assertTrue(first.stream("stdout").contains("2 callbacks ready at its start; now 1 ready, 1 timer"), first.toString());
        assertFalse(first.displays("text/html").isEmpty(), "the loop is shown after the turn");
        assertEquals("[soon 1, soon 2]", client().execute("ran.toString()").result().replace("\"", ""));
        client().execute("%step");
        assertEquals("[soon 1, soon 2, scheduled by soon 2]", client().execute("ran.toString()").result().replace("\"", ""));
        Execution waiting = client().execute("%step");
        assertTrue(Pattern.compile("waited 0\\.\\d{3} s, 0 callbacks ready at its start; now 0 ready, 0 timers")
                .matcher(waiting.stream("stdout")).find(), waiting.toString());
        assertTrue(client().execute("ran.contains(\"timer\")").result().contains("true"));
        assertTrue(client().execute("%step").stream("stdout").contains("has nothing to do"));
        ok("stepped.close();");
    }
}

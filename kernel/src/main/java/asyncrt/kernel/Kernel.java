package asyncrt.kernel;

import asyncrt.kernel.display.Display;
import asyncrt.kernel.display.Renderer;
import asyncrt.kernel.editing.EditingHelp;
import asyncrt.kernel.execution.CodeAnalysis;
import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.execution.Preamble;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.output.OutputCapture;
import asyncrt.kernel.extension.ExtensionLoader;
import asyncrt.kernel.extension.KernelContext;
import asyncrt.kernel.history.HistoryStore;
import asyncrt.kernel.kernelloop.AutoAwait;
import asyncrt.kernel.kernelloop.CellOwner;
import asyncrt.kernel.magics.CoreMagics;
import asyncrt.kernel.magics.MagicRegistry;
import asyncrt.kernel.magics.loop.LoopMagics;
import asyncrt.kernel.magics.maven.MavenMagics;
import asyncrt.kernel.protocol.ConnectionInfo;
import asyncrt.kernel.protocol.IOPub;
import asyncrt.kernel.protocol.KernelSockets;
import asyncrt.kernel.protocol.MessageFactory;
import asyncrt.kernel.shell.CellIO;
import asyncrt.kernel.shell.CellRunner;
import asyncrt.kernel.shell.ChannelLoop;
import asyncrt.kernel.shell.CommHandler;
import asyncrt.kernel.shell.CompleteHandler;
import asyncrt.kernel.shell.Dispatcher;
import asyncrt.kernel.shell.ExecuteHandler;
import asyncrt.kernel.shell.HistoryHandler;
import asyncrt.kernel.shell.InspectHandler;
import asyncrt.kernel.shell.InterruptHandler;
import asyncrt.kernel.shell.Interrupter;
import asyncrt.kernel.shell.IsCompleteHandler;
import asyncrt.kernel.shell.KernelInfoHandler;
import asyncrt.kernel.shell.ShutdownHandler;
import asyncrt.kernel.util.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel: binds the sockets, answers on the shell and control channels from threads of their own, and runs
 * cells in JShell. JShell takes longest to be ready (javac's first compilations run before the JIT has compiled
 * javac), so it starts first, on a thread of its own, while the sockets are bound and the first
 * {@code kernel_info_request} is answered; the first request that needs it waits for it.
 */
public final class Kernel {

    private static final String VERSION = "0.1.0";
    private static final Executor JSHELL_STARTER = r -> Thread.ofPlatform().daemon().name("jshell-start").start(r);
    private static final long PARENT_POLL_MILLIS = 1000;
    /**
     * How long the kernel may take to end after a shutdown request before it halts. An orderly end takes about
     * half a second (the loop's tasks cancelled, output flushed); jupyter_client waits 5 s before it kills, but a
     * front end that only waits must not wait for ever on a thread that will not stop.
     */
    private static final long SHUTDOWN_DEADLINE_MILLIS = 10_000;

    private final ConnectionInfo connection;
    private final KernelOptions options;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final MagicRegistry magics = new MagicRegistry();
    private final Renderer renderer = new Renderer(value -> Value.of(value).text());
    private CompletableFuture<JShellEvaluator> evaluator;
    private ExtensionLoader extensions;

    /**
     * @param connection where to bind and how to sign
     * @param options    the kernel options from the environment
     */
    public Kernel(ConnectionInfo connection, KernelOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /** Runs until a {@code shutdown_request} (or the front end's process ends); returns the exit status. */
    public int run() throws InterruptedException {
        CompletableFuture<JShellEvaluator> built = CompletableFuture.supplyAsync(this::buildJShell, JSHELL_STARTER);
        // After JShell's thread has started: linking the native call that idles C2 takes tens of milliseconds.
        StartupCompilation startup = StartupCompilation.begin();
        MessageFactory messages = new MessageFactory();
        try (KernelSockets sockets = new KernelSockets(connection, options.maxMessageBytes())) {
            IOPub iopub = new IOPub(sockets.iopub(), messages);
            CellIO io = new CellIO(iopub, sockets.stdin(), messages, CellOwner::here);
            OutputCapture capture = OutputCapture.install(io, io, io::flush, CellOwner::here);
            AutoAwait autoAwait = new AutoAwait(io::request);
            Logger.getLogger("").getHandlers(); // its console handler now writes to the cells' stderr
            io.attach(capture.batcher());
            Display.install(io, renderer);
            iopub.status(null, "starting");

            HistoryStore history = new HistoryStore(options.historyFile());
            Interrupter interrupter = new Interrupter(this::evaluatorIfReady, autoAwait.loop(), options.timeoutMillis());
            CellRunner runner = new CellRunner(this::evaluator, magics, this::classpathChanged, autoAwait);
            CompletableFuture<CodeAnalysis> analysis = new CompletableFuture<>();
            extensions = new ExtensionLoader(context(runner));
            CoreMagics.register(magics);
            MavenMagics.register(magics);
            LoopMagics.register(magics, autoAwait);

            Dispatcher shell = new Dispatcher(iopub, messages, options.maxCodeChars());
            Dispatcher control = new Dispatcher(iopub, messages, options.maxCodeChars());
            KernelInfoHandler info = new KernelInfoHandler(VERSION);
            ShutdownHandler shutdownHandler = new ShutdownHandler(this::requestShutdown);
            for (Dispatcher d : new Dispatcher[] {shell, control}) {
                d.register("kernel_info_request", info);
                d.register("shutdown_request", shutdownHandler);
            }
            control.register("interrupt_request", new InterruptHandler(interrupter));
            ExecuteHandler execute = new ExecuteHandler(runner, io, iopub, interrupter, history, renderer,
                    message -> shell.dispatch(message, sockets.shell()));
            shell.register("execute_request", request -> {
                try {
                    execute.handle(request);
                } finally {
                    startup.end();
                }
            });
            EditingHelp editing = new EditingHelp(this::evaluatorIfReady);
            shell.register("complete_request", new CompleteHandler(editing, magics));
            shell.register("inspect_request", new InspectHandler(editing));
            shell.register("is_complete_request", new IsCompleteHandler(analysis::join));
            shell.register("history_request", new HistoryHandler(history));
            CommHandler comms = new CommHandler(iopub);
            for (String type : new String[] {"comm_info_request", "comm_open", "comm_msg", "comm_close"}) {
                shell.register(type, comms);
            }

            // Only now, with the cells' output captured: the warm-up and the start-up scripts may log or print.
            evaluator = built.thenApplyAsync(this::finishStart, JSHELL_STARTER);
            evaluator.thenAccept(e -> analysis.complete(new CodeAnalysis(e)));

            ChannelLoop shellLoop = new ChannelLoop(sockets.shell(), shell);
            ChannelLoop controlLoop = new ChannelLoop(sockets.control(), control);
            Thread.ofPlatform().daemon().name("heartbeat").start(sockets.heartbeat());
            Thread.ofPlatform().daemon().name("control").start(controlLoop);
            Thread shellThread = Thread.ofPlatform().daemon().name("shell").start(shellLoop);
            watchParentProcess();


            shutdown.await();
            autoAwait.loop().shutdown();
            shellLoop.stop();
            controlLoop.stop();
            shellThread.join(500);
            capture.batcher().flush();
            history.close();
            interrupter.close();
        }
        return 0;
    }

    private JShellEvaluator buildJShell() {
        long start = System.nanoTime();
        Preamble preamble = Preamble.discover();
        JShellEvaluator jshell = new JShellEvaluator(options.compilerOptions(), preamble.classpath(), options.classpath());
        long built = System.nanoTime();
        jshell.importAtStart(preamble.imports());
        Log.info("JShell built in " + (built - start) / 1_000_000 + " ms, " + preamble.imports().size()
                + " imports in " + (System.nanoTime() - built) / 1_000_000 + " ms");
        return jshell;
    }

    private JShellEvaluator finishStart(JShellEvaluator jshell) {
        long start = System.nanoTime();
        warmUpAsyncio();
        Log.info("asyncrt's warm-up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        extensions.loadFrom(Kernel.class.getClassLoader());
        extensions.loadFrom(jshell.cellLoader());
        runStartupScripts(jshell);
        return jshell;
    }

    /**
     * Runs one trivial coroutine, from the kernel's own code rather than as a cell (a cell would cost a
     * compilation before the learner's first cell could start), so that the first {@code Asyncio.run} of a
     * learner finds asyncrt loaded. asyncrt's note (on java.util.logging, at INFO) of which coroutine backend
     * it chose goes to the kernel's log instead of the first cell that happens to run meanwhile; later logging
     * from cells reaches the cells as usual.
     */
    private static void warmUpAsyncio() {
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.setLevel(Level.WARNING);
        try {
            asyncrt.Asyncio.run(asyncrt.Asyncio.async(() -> 0));
            Log.debug("asyncrt is warmed up");
        } catch (RuntimeException e) {
            Log.debug("asyncrt warm-up skipped: " + e.getMessage());
        } finally {
            root.setLevel(level);
        }
    }

    private void runStartupScripts(JShellEvaluator jshell) {
        for (Path script : options.startupScripts()) {
            try {
                jshell.eval(Files.readString(script, StandardCharsets.UTF_8), script.getFileName().toString());
            } catch (Exception e) {
                Log.warn("start-up script " + script + " failed: " + e.getMessage());
            }
        }
        if (!options.startupScript().isBlank()) {
            try {
                jshell.eval(options.startupScript(), "ASYNCRT_KERNEL_STARTUP_SCRIPT");
            } catch (CellFailure e) {
                Log.warn("ASYNCRT_KERNEL_STARTUP_SCRIPT failed: " + e.getMessage());
            }
        }
    }

    private KernelContext context(CellRunner runner) {
        return new KernelContext() {
            @Override
            public MagicRegistry magics() {
                return magics;
            }

            @Override
            public Renderer renderer() {
                return renderer;
            }

            @Override
            public void run(String code) throws CellFailure {
                runner.runCode(code);
            }
        };
    }

    /** The evaluator, waiting for JShell to start; the calling thread's context loader becomes the cells'. */
    private JShellEvaluator evaluator() {
        JShellEvaluator jshell = evaluator.join();
        Thread.currentThread().setContextClassLoader(jshell.cellLoader());
        return jshell;
    }

    private JShellEvaluator evaluatorIfReady() {
        return evaluator != null && evaluator.isDone() && !evaluator.isCompletedExceptionally() ? evaluator.join() : null;
    }

    private void classpathChanged(Path added) {
        extensions.loadFrom(evaluator().cellLoader());
    }

    private void requestShutdown(boolean restart) {
        Log.info(restart ? "shutting down for a restart" : "shutting down");
        Thread.ofPlatform().daemon().name("shutdown deadline").start(Kernel::haltIfStillRunning);
        shutdown.countDown();
    }

    /** Halts the JVM if it is still running {@link #SHUTDOWN_DEADLINE_MILLIS} after a shutdown request, saying
     * in the log what each thread was doing. */
    private static void haltIfStillRunning() {
        try {
            Thread.sleep(SHUTDOWN_DEADLINE_MILLIS);
        } catch (InterruptedException e) {
            return;
        }
        StringBuilder threads = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            threads.append("\n  ").append(thread.getName()).append(" (").append(thread.getState()).append(")");
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                threads.append("\n      at ").append(frames[i]);
            }
        });
        Log.warn("the kernel did not end within " + SHUTDOWN_DEADLINE_MILLIS + " ms of the shutdown request; halting."
                + " Its threads:" + threads);
        Runtime.getRuntime().halt(0);
    }

    /**
     * Ends the kernel when the front end that started it is gone (jupyter_client sets JPY_PARENT_PID to its
     * own process id). Like ipykernel, it watches for the kernel being re-parented, which happens the moment the
     * parent exits, even while the parent is a zombie not yet reaped.
     */
    private void watchParentProcess() {
        String parent = System.getenv("JPY_PARENT_PID");
        if (parent == null || !parent.matches("\\d+")) {
            return;
        }
        long expected = Long.parseLong(parent);
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == expected) {
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Log.warn("the front end's process " + parent + " is gone; shutting down");
            requestShutdown(false);
        });
    }
}

package asyncrt.kernel.execution;

import asyncrt.kernel.display.Display;
import asyncrt.kernel.util.Log;
import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.failures.CellPosition;
import asyncrt.kernel.execution.failures.SnippetOrigins;
import asyncrt.kernel.execution.failures.Tracebacks;
import asyncrt.kernel.execution.failures.WrapperLines;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet.Status;
import jdk.jshell.Snippet.SubKind;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs Java code in JShell, in the kernel's own JVM. A cell is cut into snippets and evaluated one by one; the
 * first failure ends the cell (what ran before it stays defined). Not thread-safe: one thread evaluates, except
 * {@link #stop(String)}, which any thread may call.
 */
public final class JShellEvaluator implements AutoCloseable {

    private final JShell shell;
    private final KernelExecutionControl control;
    private final SnippetClassLoader loader;
    private final SnippetSplitter splitter;
    private final SnippetOrigins origins = new SnippetOrigins();
    private final Tracebacks tracebacks = new Tracebacks(origins);
    private final WrapperLines wrapperLines;
    private final WrapTrimmer trimmer = new WrapTrimmer();
    private final Map<String, Class<?>> variableWrappers = new ConcurrentHashMap<>();
    private final List<String> classpath = new ArrayList<>();
    private final ShownValues shownValues;
    private StartupImports startupImports;
    private volatile String stopReason;
    private volatile CellPosition runningStatement;

    /**
     * @param compilerOptions javac options for every snippet
     * @param apiClasspath    what cells compile against from the kernel's own class path (asyncrt and the
     *                        display API); the kernel's other libraries stay out of sight
     * @param userClasspath   jars and directories cells use from the start (the kernel's options)
     */
    public JShellEvaluator(List<String> compilerOptions, List<Path> apiClasspath, List<Path> userClasspath) {
        loader = new SnippetClassLoader(new KernelApiClassLoader(JShellEvaluator.class.getClassLoader()));
        control = new KernelExecutionControl(new SnippetLoaderDelegate(loader));
        // JShell compiles against java.class.path (and what is added to it); from here on that property is the
        // class path as cells see it: the API, not the kernel's own libraries. The user's start-up class path
        // is part of it from the start: JShell.addToClasspath re-indexes the class path on a background thread,
        // and a snippet compiled while that begins may not see the new entries (a start-up script did not).
        for (Path entry : userClasspath) {
            loader.addPath(entry);
            classpath.add(entry.toAbsolutePath().normalize().toString());
        }
        List<String> compiledAgainst = new ArrayList<>(apiClasspath.stream().map(Path::toString).toList());
        compiledAgainst.addAll(classpath);
        System.setProperty("java.class.path", String.join(File.pathSeparator, compiledAgainst));
        shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
        splitter = new SnippetSplitter(shell.sourceCodeAnalysis());
        shownValues = new ShownValues(shell, variableWrappers, control::lastWrapper, trimmer);
        wrapperLines = new WrapperLines(shell, origins);
        asyncrt.coroutines.Coroutine.nameCodeWith(new CellCodeNamer(this));
        Thread.currentThread().setContextClassLoader(loader);
    }

    /** Gives the session's start-up imports (see {@link StartupImports}); once, before the first cell. */
    public void importAtStart(List<String> imports) {
        startupImports = new StartupImports(shell, imports);
    }

    /**
     * Evaluates a cell.
     *
     * @param code  the cell's Java code
     * @param label the cell's name in tracebacks, e.g. {@code In [3]}
     * @return the value of the last snippet when it is an expression, unless that snippet ends with ';'
     * @throws CellFailure when a snippet does not compile, throws, or is stopped
     */
    public Optional<Value> eval(String code, String label) throws CellFailure {
        return eval(code, label, null);
    }

    /**
     * Evaluates a cell, running each snippet's code with {@code runner} (null: directly, as
     * {@link #eval(String, String)} does).
     */
    public Optional<Value> eval(String code, String label, SnippetRunner runner) throws CellFailure {
        control.runWith(runner);
        try {
            return evalPieces(code, label);
        } finally {
            control.runWith(null);
        }
    }

    /** The cell cut into the snippets JShell evaluates one at a time, each as JShell gets it (with the semicolon Java needs). */
    public List<String> snippets(String code) {
        return splitter.split(code).stream().map(SnippetSplitter.Piece::source).toList();
    }

    private Optional<Value> evalPieces(String code, String label) throws CellFailure {
        Optional<Value> last = Optional.empty();
        for (SnippetSplitter.Piece piece : splitter.split(code)) {
            SnippetOrigins.Origin origin = new SnippetOrigins.Origin(label, piece.firstLine(code),
                    piece.firstCodeLine(code));
            last = evalSnippet(piece, origin);
            if (piece.dropsValue()) {
                last.ifPresent(value -> DroppedCoroutine.check(value, origin));
                last = Optional.empty();
            }
        }
        return last;
    }

    /**
     * Stops the running cell (busy loops, sleeps, waits and blocked socket calls included); {@code reason} becomes
     * its error. The request holds until {@link #clearStop()}, so a snippet about to start is stopped too.
     */
    public void stop(String reason) {
        stopReason = reason;
        shell.stop();
    }

    /** Forgets a stop request, before a new cell. */
    public void clearStop() {
        stopReason = null;
    }

    /** Adds jars or directories to the class path of cells (compiling and running). */
    public void addToClasspath(Path path) {
        String entry = path.toAbsolutePath().normalize().toString();
        if (!classpath.contains(entry)) {
            shell.addToClasspath(entry);
            classpath.add(entry);
            addToClasspathProperty(entry);
        }
    }

    /**
     * Keeps {@code java.class.path} the class path cells see, so that libraries that scan it (ClassGraph,
     * Reflections, ...) find what {@code %classpath}, {@code %jars} and {@code %maven} added; an entry is listed
     * once, however often it is added.
     */
    private static synchronized void addToClasspathProperty(String entry) {
        String current = System.getProperty("java.class.path", "");
        List<String> entries = current.isEmpty() ? List.of() : List.of(current.split(File.pathSeparator));
        if (!entries.contains(entry)) {
            System.setProperty("java.class.path", current.isEmpty() ? entry : current + File.pathSeparator + entry);
        }
    }

    /**
     * How long cell code has run so far, compiling left out, as {@code %time} reports it.
     *
     * @param wallNanos wall-clock time
     * @param cpuNanos  CPU time of the JVM's threads meanwhile: the cell's, and whatever ran beside it (tasks,
     *                  threads it started); not the JIT compiler's or the garbage collector's
     */
    public record RunTime(long wallNanos, long cpuNanos) {
    }

    /** Cell code's running time so far; the difference of two readings is what ran between them. */
    public RunTime runTime() {
        long[] nanos = control.runNanos();
        return new RunTime(nanos[0], nanos[1]);
    }

    /** What was added to the class path, in order. */
    public List<String> classpath() {
        return List.copyOf(classpath);
    }

    /** The class loader of cell code: cells' classes and the added class path. */
    public ClassLoader cellLoader() {
        return loader;
    }

    /**
     * Where a stack frame of cell code is in its cell. In an exception JShell reports, a frame's file is
     * {@code #id} (the snippet's id) and its line is the snippet's; in a live stack (a suspended coroutine's) it
     * is the wrapper class's source, {@code $JShell$12.java}, and a line of that.
     *
     * @param file the frame's file name
     * @param line the frame's line number
     * @return the cell and line, or empty for a frame that is not in a cell
     */
    public Optional<CellPosition> cellPosition(String file, int line) {
        SnippetOrigins.Origin origin = origins.ofFile(file);
        if (origin != null) {
            return Optional.of(new CellPosition(origin.label(), origin.cellLine(line)));
        }
        Optional<CellPosition> known = wrapperLines.of(file, line);
        return known.isPresent() ? known : ofRunningStatement(file);
    }

    /**
     * A frame of the statement running now: JShell tells which snippet a wrapper class holds only once the snippet
     * has run, so until then the frame is placed at the statement's first line.
     */
    private Optional<CellPosition> ofRunningStatement(String file) {
        Class<?> running = control.lastWrapper();
        CellPosition statement = runningStatement;
        return running != null && statement != null && (running.getSimpleName() + ".java").equals(file)
                ? Optional.of(statement) : Optional.empty();
    }

    /**
     * Where the cell code that JShell compiled into a wrapper class starts (callbacks and lambdas written in a
     * cell are described by that class's name, {@code $JShell$12}).
     *
     * @param wrapperClass the class's simple name
     * @return the cell and its line where the snippet starts, or empty for a class that is not a cell's
     */
    public Optional<CellPosition> cellOfWrapper(String wrapperClass) {
        Optional<CellPosition> known = wrapperLines.ofClass(wrapperClass);
        Class<?> running = control.lastWrapper();
        // A snippet's origin is recorded once JShell's eval returns; while it runs, it is the running statement.
        if (known.isEmpty() && running != null && running.getName().equals("REPL." + wrapperClass)) {
            return Optional.ofNullable(runningStatement);
        }
        return known;
    }

    /** Where the statement being evaluated now starts in its cell (the last one, once the cell has ended). */
    public CellPosition runningStatement() {
        return runningStatement;
    }

    /**
     * Deletes a variable, as Python's {@code del name}: its value is let go (so the garbage collector can take
     * it back, which JShell's own drop does not do: the wrapper class keeps the value) and the name is no longer
     * defined.
     *
     * @return false when no variable of that name is defined
     */
    public boolean delete(String name) {
        List<VarSnippet> variables = shell.variables().filter(v -> v.name().equals(name)).toList();
        if (variables.isEmpty() && !shownValues.forget(name)) {
            return false;
        }
        Class<?> wrapper = variableWrappers.remove(name);
        if (wrapper != null) {
            try {
                java.lang.reflect.Field field = wrapper.getField(name);
                field.setAccessible(true);  // JShell's wrapper classes are not public
                if (!field.getType().isPrimitive()) {
                    field.set(null, null);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.debug("cannot clear the value of " + name + ": " + e);
            }
        }
        variables.forEach(v -> shell.drop(v).forEach(event -> trimmer.trim(event.snippet())));
        return true;
    }

    /**
     * The cell variables that hold the most memory (a megabyte or more), largest first, as "name (about N MB)":
     * arrays by their length, collections and maps by their size (a rough lower bound, enough to find what fills
     * the heap).
     */
    public List<String> largestVariables(int count) {
        record Held(String name, long bytes) { }
        List<Held> held = new ArrayList<>();
        for (Map.Entry<String, Class<?>> entry : variableWrappers.entrySet()) {
            try {
                java.lang.reflect.Field field = entry.getValue().getField(entry.getKey());
                field.setAccessible(true);
                long bytes = MemoryEstimate.of(field.get(null));
                if (bytes >= 1 << 20) {  // a variable holding less is not what fills a heap
                    held.add(new Held(entry.getKey(), bytes));
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.debug("cannot size " + entry.getKey() + ": " + e);
            }
        }
        return held.stream().sorted((a, b) -> Long.compare(b.bytes(), a.bytes())).limit(count)
                .map(h -> h.name() + " (about " + MemoryEstimate.describe(h.bytes()) + ")").toList();
    }

    /**
     * A signature or type as JShell writes it, with the types the session's start-up imports make visible by
     * their simple names (see {@link StartupImports#shorten}).
     */
    public String withImportedNamesShort(String text) {
        if (startupImports == null) {
            return text;
        }
        Set<String> declared = shell.types().filter(t -> shell.status(t).isActive()).map(t -> t.name())
                .collect(Collectors.toSet());
        return startupImports.shorten(text, declared);
    }

    /** The names of the variables JShell holds now, in the order they were declared. */
    List<String> variableNames() {
        return shell.variables().filter(v -> shell.status(v).isActive()).map(VarSnippet::name).toList();
    }

    /** JShell's analysis of source, for completion, documentation and completeness. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** Cuts code into snippets as {@link #eval} would. */
    SnippetSplitter splitter() {
        return splitter;
    }

    private Optional<Value> evalSnippet(SnippetSplitter.Piece piece, SnippetOrigins.Origin origin) throws CellFailure {
        throwIfStopped();
        runningStatement = new CellPosition(origin.label(), origin.statementLine());
        shownValues.bringBackNamedIn(piece.source());
        control.forgetResult();
        List<SnippetEvent> events = shell.eval(piece.source());
        try {
            return outcome(events, origin);
        } finally {
            events.forEach(event -> trimmer.trim(event.snippet()));
            shownValues.noteDefined(events);
            if (startupImports != null) {
                startupImports.restoreIfReplaced(events);
            }
        }
    }

    private Optional<Value> outcome(List<SnippetEvent> events, SnippetOrigins.Origin origin) throws CellFailure {
        Optional<Value> value = Optional.empty();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                noteReset(event); // a dependent snippet updated as a consequence
                continue;
            }
            Snippet snippet = event.snippet();
            origins.record(snippet.id(), origin);
            throwIfStopped();
            if (event.status() == Status.REJECTED) {
                List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
                throw tracebacks.compilation(errors, snippet.source(), origin);
            }
            if (event.exception() != null) {
                throw withMemoryAdvice(tracebacks.exception(event.exception(), unresolvedDetail(event)));
            }
            noteUnresolved(event);
            if (snippet instanceof VarSnippet variable && event.status().isActive()) {
                variableWrappers.put(variable.name(), control.lastWrapper());
            }
            if (isShownValue(snippet)) {
                value = Optional.of(readValue(snippet, event.value()))
                        .filter(v -> !(Display.isLastDisplayId(v.object()) && isDisplayCall(snippet.source())));
            }
        }
        return value;
    }

    /** An out-of-memory failure, with what holds the heap and how to free it; any other failure as it is. */
    private CellFailure withMemoryAdvice(CellFailure failure) {
        if (!failure.ename().equals(OutOfMemoryError.class.getName())) {
            return failure;
        }
        List<String> lines = new ArrayList<>(failure.traceback());
        lines.add("The kernel's heap (at most " + MemoryEstimate.describe(Runtime.getRuntime().maxMemory())
                + ") is full; the kernel goes on, and every definition is kept.");
        List<String> largest = largestVariables(3);
        if (!largest.isEmpty()) {
            lines.add("The variables holding the most: " + String.join(", ", largest) + ".");
        }
        lines.add("Free what you no longer need with %del NAME (or by assigning null), and later cells run at"
                + " full speed again.");
        return new CellFailure(failure.ename(), failure.evalue(), lines);
    }

    private void throwIfStopped() throws CellFailure {
        String reason = stopReason;
        if (reason != null) {
            throw new CellFailure("KeyboardInterrupt", reason, List.of("KeyboardInterrupt: " + reason));
        }
    }

    private static boolean isShownValue(Snippet snippet) {
        return snippet.subKind() == SubKind.TEMP_VAR_EXPRESSION_SUBKIND || snippet.subKind() == SubKind.VAR_VALUE_SUBKIND;
    }

    /**
     * The value object behind JShell's text for it: what the snippet's code returned (JShell itself only reports
     * text). Known whenever the snippet's code ran and returned.
     */
    private Value readValue(Snippet snippet, String text) {
        KernelExecutionControl.Result result = control.lastResult();
        if (result != null && result.wrapper() == control.lastWrapper()) {
            return new Value(result.value(), true, text);
        }
        Log.debug("no value object for snippet " + snippet.id() + "; showing JShell's text");
        return new Value(null, false, text);
    }

    /** A cell's last expression is a call of display(...), whose result, the display id, need not show. */
    private static boolean isDisplayCall(String source) {
        String code = source.strip();
        return (code.startsWith("display(") || code.startsWith("Display.display(")) && code.endsWith(")");
    }

    /**
     * Redefining a type makes JShell re-create the variables of that type, with no value: say so, as the jshell
     * tool does ("update replaced variable h, reset to null"), unless the variable held null anyway.
     */
    private void noteReset(SnippetEvent event) {
        if (!(event.snippet() instanceof VarSnippet variable) || variable.name().startsWith("$")
                || !event.status().isActive() || !event.previousStatus().isActive()
                || PRIMITIVES.contains(variable.typeName())) {
            return;
        }
        Class<?> wrapper = variableWrappers.get(variable.name());
        if (wrapper != null) {
            try {
                java.lang.reflect.Field field = wrapper.getField(variable.name());
                field.setAccessible(true); // JShell's wrapper classes are not public
                if (field.get(null) == null) {
                    return;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.debug("cannot read the old value of " + variable.name() + ": " + e);
            }
        }
        String cause = event.causeSnippet() instanceof DeclarationSnippet declaration ? declaration.name() : null;
        System.err.println("note: " + variable.name() + " was reset to null because "
                + (cause != null ? cause + " was redefined (an object of the old " + cause + " cannot be kept)"
                        : "its type changed")
                + "; assign " + variable.name() + " again");
    }

    private static final java.util.Set<String> PRIMITIVES =
            java.util.Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

    /** JShell keeps a declaration whose dependencies are missing; say so, as the jshell tool does. */
    private void noteUnresolved(SnippetEvent event) {
        if (event.status() != Status.RECOVERABLE_DEFINED && event.status() != Status.RECOVERABLE_NOT_DEFINED
                || !(event.snippet() instanceof DeclarationSnippet declaration)) {
            return;
        }
        String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        String usable = event.status() == Status.RECOVERABLE_DEFINED ? "called" : "used";
        System.err.println("note: " + describe(declaration) + " is defined, but cannot be " + usable
                + " until " + missing + " is declared");
    }

    private String unresolvedDetail(SnippetEvent event) {
        if (!(event.exception() instanceof UnresolvedReferenceException unresolved)) {
            return "";
        }
        DeclarationSnippet declaration = unresolved.getSnippet();
        String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
        return describe(declaration) + " cannot be used until " + missing + " is declared";
    }

    private static String describe(DeclarationSnippet declaration) {
        String kind = switch (declaration.kind()) {
            case METHOD -> "method";
            case TYPE_DECL -> "type";
            case VAR -> "variable";
            default -> "declaration";
        };
        return kind + " " + declaration.name();
    }

    @Override
    public void close() {
        shell.close();
    }
}

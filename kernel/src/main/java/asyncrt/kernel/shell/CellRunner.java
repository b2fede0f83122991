package asyncrt.kernel.shell;

import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.kernelloop.AutoAwait;
import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.execution.Value;
import asyncrt.kernel.magics.CellMagic;
import asyncrt.kernel.magics.LineMagic;
import asyncrt.kernel.magics.MagicContext;
import asyncrt.kernel.magics.MagicException;
import asyncrt.kernel.magics.MagicRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a cell: a {@code %%name} first line makes the whole cell that cell magic's; otherwise lines starting
 * with {@code %name} run as line magics, in order with the Java code between them. Java code goes to JShell,
 * and each of its statements runs on the kernel's event loop ({@link AutoAwait}).
 */
public final class CellRunner implements MagicContext {

    private final Supplier<JShellEvaluator> evaluator;
    private final MagicRegistry magics;
    private final Consumer<Path> classpathListener;
    private final AutoAwait autoAwait;
    private String label = "In [ ]";

    /**
     * @param evaluator         the JShell, waited for on first use
     * @param magics            the magics cells may use
     * @param classpathListener told of each jar or directory added, to load extensions from it
     * @param autoAwait         runs each statement of a cell on the kernel's event loop
     */
    public CellRunner(Supplier<JShellEvaluator> evaluator, MagicRegistry magics, Consumer<Path> classpathListener,
                      AutoAwait autoAwait) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.classpathListener = classpathListener;
        this.autoAwait = autoAwait;
    }

    @Override
    public Optional<Value> runCell(String cell, String cellLabel) throws CellFailure {
        String outer = label;
        label = cellLabel;
        try {
            return run(cell);
        } finally {
            label = outer;
        }
    }

    private Optional<Value> run(String cell) throws CellFailure {
        String trimmed = cell.stripLeading();
        if (trimmed.startsWith("%%")) {
            int skipped = lineCount(cell.substring(0, cell.length() - trimmed.length()));
            int newline = trimmed.indexOf('\n');
            String first = newline < 0 ? trimmed : trimmed.substring(0, newline);
            String body = newline < 0 ? "" : trimmed.substring(newline + 1);
            return runCellMagic(first.substring(2), "\n".repeat(skipped + 1) + body);
        }
        Optional<Value> last = Optional.empty();
        StringBuilder code = new StringBuilder();
        List<String> lines = cell.lines().toList();
        int codeStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (isLineMagic(line)) {
                if (!code.toString().isBlank()) {
                    runCodeAt(code.toString(), codeStart);
                }
                code.setLength(0);
                codeStart = i + 1;
                last = runLineMagic(line.substring(1));
            } else {
                code.append(lines.get(i)).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            last = runCodeAt(code.toString(), codeStart);
        }
        return last;
    }

    @Override
    public Optional<Value> runCode(String code) throws CellFailure {
        return runCodeAt(code, 0);
    }

    /** Runs Java code that starts on the given zero-based line of the cell. */
    private Optional<Value> runCodeAt(String code, int firstLine) throws CellFailure {
        JShellEvaluator jshell = evaluator();
        return jshell.eval("\n".repeat(firstLine) + code, label, autoAwait.runnerFor(label, jshell::runningStatement));
    }

    private Optional<Value> runLineMagic(String text) throws CellFailure {
        String name = nameOf(text);
        String arguments = text.substring(name.length()).strip();
        if (arguments.startsWith("?")) {
            return showHelp(name);
        }
        MagicRegistry.Entry<LineMagic> entry = magics.line(name).orElseThrow(() -> unknown("%", name));
        return runMagic("%" + name, () -> entry.magic().run(arguments, this));
    }

    private Optional<Value> runCellMagic(String firstLine, String body) throws CellFailure {
        String name = nameOf(firstLine);
        String arguments = firstLine.substring(name.length()).strip();
        if (arguments.startsWith("?")) {
            return showHelp(name);
        }
        MagicRegistry.Entry<CellMagic> entry = magics.cell(name).orElseThrow(() -> unknown("%%", name));
        return runMagic("%%" + name, () -> entry.magic().run(arguments, body, this));
    }

    /** Runs a magic; a failure other than its code's becomes the cell's error, named after the magic. */
    private static Optional<Value> runMagic(String magic, Callable<Optional<Value>> run) throws CellFailure {
        try {
            return run.call();
        } catch (CellFailure e) {
            throw e;
        } catch (Exception e) {
            throw failure(magic, e);
        }
    }

    private Optional<Value> showHelp(String name) throws CellFailure {
        String help = magics.help(name).orElseThrow(() -> unknown("%", name));
        System.out.println(help);
        return Optional.empty();
    }

    private CellFailure unknown(String prefix, String name) {
        String message = "unknown magic " + prefix + name + "; %lsmagic lists the magics there are";
        return new CellFailure("MagicError", message, List.of("MagicError: " + message));
    }

    private static CellFailure failure(String magic, Exception e) {
        String message = e instanceof MagicException ? e.getMessage() : magic + " failed: " + e;
        String ename = e instanceof MagicException ? "MagicError" : e.getClass().getName();
        return new CellFailure(ename, message, List.of(ename + ": " + message));
    }

    private static boolean isLineMagic(String line) {
        return line.length() > 1 && line.charAt(0) == '%' && Character.isLetter(line.charAt(1));
    }

    private static String nameOf(String text) {
        int end = 0;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(0, end);
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    @Override
    public JShellEvaluator evaluator() {
        return evaluator.get();
    }

    @Override
    public void addToClasspath(Path path) {
        evaluator().addToClasspath(path);
        classpathListener.accept(path);
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }
}

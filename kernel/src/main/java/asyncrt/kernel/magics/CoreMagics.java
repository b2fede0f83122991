package asyncrt.kernel.magics;

import asyncrt.kernel.PathGlobs;
import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The magics Java-kernel users know: {@code %lsmagic}, {@code %time}, {@code %timeit}, {@code %load}, {@code %classpath}, {@code %jars}. */
public final class CoreMagics {

    private CoreMagics() {
    }

    /** Registers the magics. */
    public static void register(MagicRegistry registry) {
        registry.line("lsmagic", """
                %lsmagic
                Lists the line magics (%name, on a line of their own) and cell magics (%%name, first line of a cell).
                %name? shows a magic's help.""", CoreMagics::lsmagic);
        String timeHelp = """
                %time CODE   or   %%time followed by code
                Runs the code once and prints how long it took (wall-clock time). The code's value is the cell's.""";
        registry.line("time", timeHelp, (args, context) -> time(args, context));
        registry.cell("time", timeHelp, (args, body, context) -> time(body, context));
        String timeitHelp = """
                %timeit [-n LOOPS] [-r RUNS] CODE   or   %%timeit [-n LOOPS] [-r RUNS] followed by statements
                Times code that runs quickly: it is compiled once and run LOOPS times per run, RUNS runs (default 7);
                without -n the loop count grows tenfold until a run takes 0.2 s. Prints the mean time per loop and
                its standard deviation over the runs, as Python's %timeit does.""";
        registry.line("timeit", timeitHelp, (args, context) -> TimeitMagic.run(args, null, context));
        registry.cell("timeit", timeitHelp, TimeitMagic::run);
        registry.line("load", """
                %load FILE
                Runs a file's code in this session: a .jshell or .java file as one cell (magics allowed), or the code
                cells of a notebook (.ipynb) in order. Relative paths are from the kernel's working directory.""",
                LoadMagic::run);
        registry.line("classpath", """
                %classpath [PATH ...]
                With paths (jars or class directories, separated by spaces or the path separator): adds them to the
                cells' class path. Without: lists the class path that was added.""", CoreMagics::classpath);
        registry.line("del", """
                %del NAME ...
                Deletes variables, as Python's del: each value is let go, so that the memory it held can be taken
                back, and the name is no longer defined (declare it again to reuse it).""", CoreMagics::del);
        registry.line("jars", """
                %jars GLOB ...
                Adds the jars matching each glob (e.g. lib/*.jar, /opt/libs/**.jar) to the cells' class path.""",
                CoreMagics::jars);
    }

    private static Optional<Value> del(String args, MagicContext context) throws MagicException {
        List<String> names = List.of(args.strip().split("[\\s,]+")).stream().filter(n -> !n.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new MagicException("%del needs the names of variables to delete, e.g. %del hog");
        }
        for (String name : names) {
            if (!context.evaluator().delete(name)) {
                throw new MagicException("%del: no variable named " + name + " is defined");
            }
        }
        System.gc();  // so that the memory shows as free at once, as it does in CPython
        return Optional.empty();
    }

    private static Optional<Value> lsmagic(String args, MagicContext context) {
        MagicRegistry magics = context.magics();
        System.out.println("Line magics: " + String.join("  ", magics.lineNames().stream().map(n -> "%" + n).toList()));
        System.out.println("Cell magics: " + String.join("  ", magics.cellNames().stream().map(n -> "%%" + n).toList()));
        System.out.println("%name? shows a magic's help.");
        return Optional.empty();
    }

    private static Optional<Value> time(String code, MagicContext context) throws CellFailure {
        long start = System.nanoTime();
        try {
            return context.runCode(code);
        } finally {
            System.out.println("Wall time: " + Timing.format(System.nanoTime() - start));
        }
    }

    private static Optional<Value> classpath(String args, MagicContext context) throws MagicException {
        if (args.isBlank()) {
            context.evaluator().classpath().forEach(System.out::println);
            return Optional.empty();
        }
        for (String entry : args.split("[\\s" + java.io.File.pathSeparator + "]+")) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new MagicException("%classpath: no such file or directory: " + path.toAbsolutePath());
            }
            context.addToClasspath(path);
        }
        return Optional.empty();
    }

    private static Optional<Value> jars(String args, MagicContext context) throws MagicException, IOException {
        if (args.isBlank()) {
            throw new MagicException("%jars needs at least one glob, e.g. %jars lib/*.jar");
        }
        for (String glob : args.split("\\s+")) {
            List<Path> jars = PathGlobs.expand(glob).stream().filter(Files::isRegularFile).toList();
            if (jars.isEmpty()) {
                throw new MagicException("%jars: nothing matches " + glob);
            }
            jars.forEach(context::addToClasspath);
            System.out.println("Added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " for " + glob);
        }
        return Optional.empty();
    }
}

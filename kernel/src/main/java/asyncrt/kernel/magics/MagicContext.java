package asyncrt.kernel.magics;

import asyncrt.kernel.execution.failures.CellFailure;
import asyncrt.kernel.execution.JShellEvaluator;
import asyncrt.kernel.execution.Value;
import java.nio.file.Path;
import java.util.Optional;

/** What a magic can do in the kernel: run code, change the class path, reach the other magics. */
public interface MagicContext {

    /** Runs Java code as part of the current cell (its lines are reported as the cell's). */
    Optional<Value> runCode(String code) throws CellFailure;

    /** Runs a whole cell, magics included, under another name (e.g. a file being loaded). */
    Optional<Value> runCell(String cell, String label) throws Exception;

    /** The JShell the cells run in. */
    JShellEvaluator evaluator();

    /** Adds a jar or class directory to the cells' class path, and loads any kernel extensions in it. */
    void addToClasspath(Path path);

    /** Every magic the kernel knows. */
    MagicRegistry magics();
}

package asyncrt.kernel.magics;

import asyncrt.kernel.execution.Value;
import java.util.Optional;

/** A cell magic: a cell whose first line is {@code %%name arguments} and whose rest is the magic's body. */
@FunctionalInterface
public interface CellMagic {

    /**
     * Runs the magic.
     *
     * @param arguments the rest of the first line after the name, stripped
     * @param body      the lines after the first
     * @return a value to show as the cell's result, if any
     * @throws Exception as for {@link LineMagic#run}
     */
    Optional<Value> run(String arguments, String body, MagicContext context) throws Exception;
}

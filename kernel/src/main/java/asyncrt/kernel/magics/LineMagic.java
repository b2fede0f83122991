package asyncrt.kernel.magics;

import asyncrt.kernel.execution.Value;
import java.util.Optional;

/** A line magic: {@code %name arguments} on a line of its own in a cell. */
@FunctionalInterface
public interface LineMagic {

    /**
     * Runs the magic.
     *
     * @param arguments the rest of the line after the name, stripped
     * @return a value to show as the cell's result, if any
     * @throws Exception a {@link MagicException} for a user error (shown as the cell's error), a
     *                   {@link asyncrt.kernel.execution.failures.CellFailure} from code it ran, or anything else
     */
    Optional<Value> run(String arguments, MagicContext context) throws Exception;
}

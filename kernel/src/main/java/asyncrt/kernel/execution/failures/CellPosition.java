package asyncrt.kernel.execution.failures;

/**
 * A place in a cell, as the user sees it.
 *
 * @param cell the cell's name, e.g. {@code In [3]}
 * @param line the one-based line in that cell
 */
public record CellPosition(String cell, int line) {
}

/**
 * What went wrong in a cell, said in the learner's words: compiler diagnostics and exceptions turned into
 * Jupyter errors ({@code CellFailure}) whose tracebacks name the cell and line the learner wrote ({@code In [3],
 * line 2}), not the wrapper classes JShell generates.
 */
package asyncrt.kernel.execution.failures;

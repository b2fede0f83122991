/**
 * Keeping the kernel alive when a cell calls {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}:
 * each compiled cell class is rewritten so that those calls land in {@code ExitGuard}, which refuses them with an
 * exception the cell can see.
 */
package asyncrt.kernel.execution.exitguard;

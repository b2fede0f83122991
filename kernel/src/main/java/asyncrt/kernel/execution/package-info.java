/**
 * Running cells in JShell, in the kernel's own JVM: {@link asyncrt.kernel.execution.JShellEvaluator} cuts a cell
 * into snippets ({@code SnippetSplitter}), evaluates them with the session's imports ({@code Preamble}), and
 * runs their code through the kernel's execution control ({@code KernelExecutionControl}, class loaders and
 * {@code SnippetRunner}, which hands each statement to the kernel's event loop). Its neighbours hold the other
 * concerns: {@code output} (what cells print and read), {@code failures} (what went wrong, in the learner's
 * lines) and {@code exitguard} (refusing {@code System.exit}).
 */
package asyncrt.kernel.execution;

/**
 * What cells print and read: {@code System.out}, {@code System.err} and {@code System.in} of the whole JVM pointed
 * at the front end, the output batched into few {@code stream} messages in order, each segment going to the
 * cell that wrote it, and input asked of the front end when a cell reads.
 */
package asyncrt.kernel.execution.output;

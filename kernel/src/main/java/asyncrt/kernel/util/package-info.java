/** What every part of the kernel uses and none owns: the kernel's own log (to its standard error, at WARN unless
 * {@code ASYNCRT_KERNEL_LOG_LEVEL} says otherwise). */
package asyncrt.kernel.util;

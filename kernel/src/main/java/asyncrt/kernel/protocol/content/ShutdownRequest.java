package asyncrt.kernel.protocol.content;

/** {@code shutdown_request}: end the kernel; {@code restart} when a new one follows. */
public record ShutdownRequest(boolean restart) {}

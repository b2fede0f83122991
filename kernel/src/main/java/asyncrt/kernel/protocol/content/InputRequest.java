package asyncrt.kernel.protocol.content;

/** {@code input_request} on the stdin channel: ask the user for a line, showing {@code prompt}. */
public record InputRequest(String prompt, boolean password) {}

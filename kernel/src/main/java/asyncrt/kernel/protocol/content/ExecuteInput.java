package asyncrt.kernel.protocol.content;

/** {@code execute_input} on IOPub: the code a cell runs and its {@code In [n]} number, for every front end. */
public record ExecuteInput(String code, int executionCount) {}

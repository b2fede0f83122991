package asyncrt.kernel.protocol.content;

/** {@code inspect_request}: what is the name at {@code cursorPos} of {@code code}; {@code detailLevel} 1 asks for
 * more (the source, in IPython). */
public record InspectRequest(String code, Integer cursorPos, int detailLevel) {

    public InspectRequest {
        code = code == null ? "" : code;
        cursorPos = cursorPos == null ? code.codePointCount(0, code.length()) : cursorPos;
    }
}

package asyncrt.kernel.protocol.content;

/** {@code complete_request}: what may follow at {@code cursorPos} (in code points) of {@code code}. */
public record CompleteRequest(String code, Integer cursorPos) {

    public CompleteRequest {
        code = code == null ? "" : code;
        cursorPos = cursorPos == null ? code.codePointCount(0, code.length()) : cursorPos;
    }
}

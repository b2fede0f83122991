package asyncrt.kernel.protocol.content;

/** {@code is_complete_request}: would {@code code} run as it is, or does a console wait for more lines? */
public record IsCompleteRequest(String code) {

    public IsCompleteRequest {
        code = code == null ? "" : code;
    }
}

package asyncrt.kernel.testing;

import asyncrt.kernel.protocol.Message;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one execute request got: its reply and the IOPub messages parented on it.
 *
 * @param request the request
 * @param reply   the execute_reply
 * @param iopub   busy ... idle
 */
public record Execution(Message request, Message reply, List<Message> iopub) {

    /** The cell's name in tracebacks and warnings, e.g. {@code In [4]}, from the reply's execution count. */
    public String label() {
        return "In [" + reply.content().get("execution_count").getAsInt() + "]";
    }

    /** The reply's status: ok, error or aborted. */
    public String status() {
        return reply.contentString("status", "");
    }

    /** All text of one stream, in order. */
    public String stream(String name) {
        return iopub.stream()
                .filter(m -> m.type().equals("stream") && m.contentString("name", "").equals(name))
                .map(m -> m.contentString("text", ""))
                .collect(Collectors.joining());
    }

    /** The number of stream messages. */
    public long streamMessages() {
        return iopub.stream().filter(m -> m.type().equals("stream")).count();
    }

    /** The text/plain of the execute_result, or null. */
    public String result() {
        return iopub.stream().filter(m -> m.type().equals("execute_result")).findFirst()
                .map(m -> m.content().getAsJsonObject("data").get("text/plain").getAsString()).orElse(null);
    }

    /** The messages of one type. */
    public List<Message> ofType(String type) {
        return iopub.stream().filter(m -> m.type().equals(type)).toList();
    }

    /** The content of one MIME type in the display_data messages, in order (a display without it is skipped). */
    public List<String> displays(String mimeType) {
        return ofType("display_data").stream()
                .map(m -> m.content().getAsJsonObject("data"))
                .filter(data -> data.has(mimeType))
                .map(data -> data.get(mimeType).getAsString())
                .toList();
    }

    /** The error message's traceback joined by lines, or null. */
    public String traceback() {
        return ofType("error").stream().findFirst()
                .map(m -> String.join("\n", m.content().getAsJsonArray("traceback").asList().stream()
                        .map(e -> e.getAsString()).toList()))
                .orElse(null);
    }

    /** The error's ename, or null. */
    public String ename() {
        return reply.contentString("ename", null);
    }

    @Override
    public String toString() {
        return "Execution[status=" + status() + ", reply=" + reply.content() + ", iopub="
                + iopub.stream().map(m -> m.type() + m.content()).toList() + "]";
    }
}

package asyncrt.kernel.protocol.content;

import com.google.gson.JsonObject;

/** {@code inspect_reply}: when {@code found}, a MIME bundle ({@code text/plain}, {@code text/markdown}...) about
 * the name. */
public record InspectReply(String status, boolean found, JsonObject data, JsonObject metadata) implements Reply {

    @Override
    public String msgType() {
        return "inspect_reply";
    }
}

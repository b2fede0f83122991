package asyncrt.kernel.protocol.content;

import com.google.gson.JsonObject;

/** {@code comm_info_reply}: the open comms by id (the kernel opens none). */
public record CommInfoReply(String status, JsonObject comms) implements Reply {

    @Override
    public String msgType() {
        return "comm_info_reply";
    }
}

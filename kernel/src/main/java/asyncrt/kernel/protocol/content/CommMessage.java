package asyncrt.kernel.protocol.content;

import com.google.gson.JsonObject;

/** {@code comm_open}, {@code comm_msg} and {@code comm_close}: a message on a comm, a channel between a front-end
 * widget and a kernel-side target. */
public record CommMessage(String commId, String targetName, JsonObject data) {}

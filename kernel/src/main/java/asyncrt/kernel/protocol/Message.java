package asyncrt.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One Jupyter message: the routing identities it came with (or goes to), its four JSON parts, and any binary
 * buffers. The JSON parts are kept as received so that a reply can echo a request's header exactly as its
 * parent.
 *
 * @param identities   ZeroMQ routing frames before the delimiter
 * @param header       msg_id, session, username, date, msg_type, version
 * @param parentHeader the header of the message this one answers, or an empty object
 * @param metadata     free-form metadata
 * @param content      the message type's content
 * @param buffers      extra binary frames
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                      JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    /** The {@code msg_type} from the header. */
    public String type() {
        return header.get("msg_type").getAsString();
    }

    /** The {@code msg_id} from the header. */
    public String id() {
        return header.get("msg_id").getAsString();
    }

    /** A string field of the content, or the default when it is absent or null. */
    public String contentString(String name, String otherwise) {
        var value = content.get(name);
        return value == null || value.isJsonNull() ? otherwise : value.getAsString();
    }

    /** A boolean field of the content, or the default when it is absent or null. */
    public boolean contentFlag(String name, boolean otherwise) {
        var value = content.get(name);
        return value == null || value.isJsonNull() ? otherwise : value.getAsBoolean();
    }

    /** An integer field of the content, or the default when it is absent or null. */
    public int contentInt(String name, int otherwise) {
        var value = content.get(name);
        return value == null || value.isJsonNull() ? otherwise : value.getAsInt();
    }
}

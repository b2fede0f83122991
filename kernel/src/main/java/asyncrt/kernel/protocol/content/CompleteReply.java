package asyncrt.kernel.protocol.content;

import com.google.gson.JsonObject;
import java.util.List;

/** {@code complete_reply}: the {@code matches} replace the code from {@code cursorStart} to {@code cursorEnd}
 * (code points); {@code metadata} may carry {@code _jupyter_types_experimental}, each match's type. */
public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd,
                            JsonObject metadata) implements Reply {

    @Override
    public String msgType() {
        return "complete_reply";
    }
}

package asyncrt.kernel.protocol.content;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/** {@code complete_reply}: the {@code matches} replace the code from {@code cursorStart} to {@code cursorEnd}
 * (code points); the metadata gives each match's kind and signature, as ipykernel does (JupyterLab shows them). */
public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd, Metadata metadata)
        implements Reply {

    /** The reply's metadata: the matches, in the same order, with their types. */
    public record Metadata(@SerializedName("_jupyter_types_experimental") List<TypedMatch> types) {}

    /** One match with what it is ({@code method}, {@code class}, {@code magic}...) and its signature. */
    public record TypedMatch(int start, int end, String text, String type, String signature) {}

    @Override
    public String msgType() {
        return "complete_reply";
    }
}

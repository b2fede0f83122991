package asyncrt.kernel.shell;

import asyncrt.kernel.display.MimeBundle;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** The {@code data} and {@code metadata} of display and result messages, from a {@link MimeBundle}. */
final class Bundles {

    private Bundles() {
    }

    /**
     * {@code {"data": {...}, "metadata": {}}}. A JSON type ({@code application/json}, {@code ...+json}) goes as
     * the JSON its text holds, as front ends expect, or as the text when it is not JSON.
     */
    static JsonObject content(MimeBundle bundle) {
        JsonObject data = new JsonObject();
        bundle.data().forEach((mime, content) -> {
            if (mime.matches("application/(.*\\+)?json")) {
                try {
                    data.add(mime, JsonParser.parseString(content));
                    return;
                } catch (JsonParseException e) {
                    // not JSON: sent as text below
                }
            }
            data.addProperty(mime, content);
        });
        JsonObject content = new JsonObject();
        content.add("data", data);
        content.add("metadata", new JsonObject());
        return content;
    }
}

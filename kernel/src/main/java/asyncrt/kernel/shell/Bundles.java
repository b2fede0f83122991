package asyncrt.kernel.shell;

import asyncrt.kernel.display.MimeBundle;
import com.google.gson.JsonObject;

/** The {@code data} and {@code metadata} of display and result messages, from a {@link MimeBundle}. */
final class Bundles {

    private Bundles() {
    }

    /** {@code {"data": {...}, "metadata": {}}}. */
    static JsonObject content(MimeBundle bundle) {
        JsonObject data = new JsonObject();
        bundle.data().forEach(data::addProperty);
        JsonObject content = new JsonObject();
        content.add("data", data);
        content.add("metadata", new JsonObject());
        return content;
    }
}

package asyncrt.kernel.display;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing to show, in one or more formats keyed by MIME type ({@code text/plain}, {@code text/html},
 * {@code image/svg+xml}, {@code image/png} as base64, ...). Front ends show the richest format they support.
 */
public final class MimeBundle {

    private final Map<String, String> data = new LinkedHashMap<>();

    /** A bundle with only a plain-text form. */
    public static MimeBundle text(String text) {
        return new MimeBundle().with("text/plain", text);
    }

    /** Adds or replaces one format; returns this bundle. */
    public MimeBundle with(String mimeType, String content) {
        data.put(mimeType, content);
        return this;
    }

    /** Adds a PNG image; returns this bundle. */
    public MimeBundle withPng(byte[] png) {
        return with("image/png", Base64.getEncoder().encodeToString(png));
    }

    /** The formats, in the order added. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    /** The plain-text form, which every bundle the kernel sends has. */
    public String plainText() {
        return data.getOrDefault("text/plain", "");
    }

    @Override
    public String toString() {
        return plainText();
    }
}

package asyncrt.kernel.display;

import asyncrt.introspect.Timeline;
import asyncrt.kernel.util.Log;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Turns an object into a {@link MimeBundle}. Text always; and, where the object provides them, HTML, SVG,
 * Markdown and PNG: a {@code MimeBundle} stands for itself, a {@link Timeline} is drawn (SVG and PNG), a
 * {@link RenderedImage} becomes a PNG, an object
 * with a public no-argument {@code toHtml()}, {@code toSvg()}, {@code toMarkdown()} (returning a String) or
 * {@code toPng()} (returning bytes) gets those formats, and extensions may register renderers for types.
 * {@link #renderAs} keeps the formats asked for, as JJava's {@code render(x, "text/html")} does.
 */
public final class Renderer {

    private static final Map<String, String> TEXT_METHODS =
            Map.of("toHtml", "text/html", "toSvg", "image/svg+xml", "toMarkdown", "text/markdown");

    private static final int TIMELINE_TEXT_COLUMNS = 72;

    private final Map<Class<?>, Function<Object, MimeBundle>> byType = new ConcurrentHashMap<>();
    private final Function<Object, String> plainText;

    /** @param plainText the text form of any value (the kernel uses JShell's, so that strings show quoted) */
    public Renderer(Function<Object, String> plainText) {
        this.plainText = plainText;
    }

    /** Renders instances of a type (and its subtypes) with the given function, ahead of the built-in rules. */
    public <T> void register(Class<T> type, Function<? super T, MimeBundle> renderer) {
        byType.put(type, value -> renderer.apply(type.cast(value)));
    }

    /** The bundle for a value; never fails (a failing rich format is left out). */
    public MimeBundle render(Object value) {
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        MimeBundle bundle = MimeBundle.text(plainText.apply(value));
        if (value == null) {
            return bundle;
        }
        for (var entry : byType.entrySet()) {
            if (entry.getKey().isInstance(value)) {
                MimeBundle custom = entry.getValue().apply(value);
                custom.data().forEach(bundle::with);
                return bundle;
            }
        }
        if (value instanceof Timeline timeline) {
            TimelinePicture.of(timeline, TIMELINE_TEXT_COLUMNS).data().forEach(bundle::with);
            return bundle;
        }
        if (value instanceof RenderedImage image) {
            byte[] png = encodePng(image);
            if (png != null) {
                bundle.withPng(png);
            }
            return bundle;
        }
        addProvidedFormats(value, bundle);
        return bundle;
    }

    /**
     * The bundle for a value in the given MIME types only (and plain text, which every bundle has): those of
     * {@link #render} that are asked for, {@code type/*} and {@code *} taking a group or all. Content the value
     * is not rendered as, it gives itself when it can, as in JJava: a string (any {@code CharSequence}) for any
     * text type ({@code text/*}, SVG, JSON, JavaScript), bytes for an image. A type the value cannot be shown
     * as is left out. No type asked for: {@link #render}.
     */
    public MimeBundle renderAs(Object value, List<String> mimeTypes) {
        if (mimeTypes.isEmpty()) {
            return render(value);
        }
        MimeBundle full = render(value);
        String plain = value instanceof CharSequence text ? text.toString() : full.plainText();
        MimeBundle bundle = MimeBundle.text(plain);
        for (String requested : mimeTypes) {
            String mime = requested.strip().toLowerCase(Locale.ROOT);
            if (mime.endsWith("/*") || mime.equals("*")) {
                String group = mime.equals("*") ? "" : mime.substring(0, mime.length() - 1);
                full.data().forEach((type, content) -> {
                    if (type.startsWith(group) && !type.equals("text/plain")) {
                        bundle.with(type, content);
                    }
                });
            } else if (full.data().containsKey(mime) && !mime.equals("text/plain")) {
                bundle.with(mime, full.data().get(mime));
            } else if (value instanceof CharSequence text && isText(mime)) {
                bundle.with(mime, text.toString());
            } else if (value instanceof byte[] bytes && mime.startsWith("image/") && !mime.equals("image/svg+xml")) {
                bundle.with(mime, Base64.getEncoder().encodeToString(bytes));
            }
        }
        return bundle;
    }

    private static boolean isText(String mime) {
        return mime.startsWith("text/") || TEXT_TYPES.contains(mime);
    }

    private static final Set<String> TEXT_TYPES =
            Set.of("image/svg+xml", "application/json", "application/javascript", "application/xml");

    private static void addProvidedFormats(Object value, MimeBundle bundle) {
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            try {
                method.trySetAccessible(); // cells' own classes are not public
                String mime = TEXT_METHODS.get(method.getName());
                if (mime != null && method.getReturnType() == String.class) {
                    Object text = method.invoke(value);
                    if (text != null) {
                        bundle.with(mime, (String) text);
                    }
                } else if (method.getName().equals("toPng") && method.getReturnType() == byte[].class) {
                    byte[] png = (byte[]) method.invoke(value);
                    if (png != null) {
                        bundle.withPng(png);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Log.debug("leaving out " + method.getName() + "() of " + value.getClass().getName() + ": " + e);
            }
        }
    }

    private static byte[] encodePng(RenderedImage image) {
        try {
            var bytes = new ByteArrayOutputStream();
            return ImageIO.write(image, "png", bytes) ? bytes.toByteArray() : null;
        } catch (IOException e) {
            return null;
        }
    }
}

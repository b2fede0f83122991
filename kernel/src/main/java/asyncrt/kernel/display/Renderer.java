package asyncrt.kernel.display;

import asyncrt.introspect.Timeline;
import asyncrt.kernel.util.Log;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Turns an object into a {@link MimeBundle}. Text always; and, where the object provides them, HTML, SVG,
 * Markdown and PNG: a {@code MimeBundle} stands for itself, a {@link Timeline} is drawn (SVG and PNG), a
 * {@link RenderedImage} becomes a PNG, an object
 * with a public no-argument {@code toHtml()}, {@code toSvg()}, {@code toMarkdown()} (returning a String) or
 * {@code toPng()} (returning bytes) gets those formats, and extensions may register renderers for types.
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

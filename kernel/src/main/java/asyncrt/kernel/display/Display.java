package asyncrt.kernel.display;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Display functions for cells, imported in every session. They follow JJava's (and IJava's) so that a notebook
 * written for that kernel runs here unchanged:
 * <ul>
 * <li>{@code display(x)} shows a value as an output of the running cell and returns the output's display id;
 * {@code updateDisplay(id, y)} later redraws that output in place, wherever it is;</li>
 * <li>{@code display(x, "text/html")} shows it as that MIME type (and as plain text), {@code display(x, "text/html",
 * "text/markdown")} as several; a second argument that is not a MIME type ({@code type/subtype}) is the display
 * id to use, as before: {@code display(x, "progress")} then {@code updateDisplay("progress", y)};</li>
 * <li>{@code render(x)} and {@code render(x, "text/html")} return what would be shown, as a {@link MimeBundle},
 * without showing it (a cell whose last expression it is shows it);</li>
 * <li>{@code html}, {@code svg}, {@code markdown} and {@code png} wrap content of that kind;
 * {@code clearOutput()} clears the cell's output.</li>
 * </ul>
 */
public final class Display {

    /** {@code type/subtype} (with {@code *} wildcards), as JJava accepts them. */
    private static final Pattern MIME_TYPE = Pattern.compile(
            "(\\*|application|audio|font|image|message|model|multipart|text|video)/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*");

    private static volatile DisplayPublisher publisher;
    private static volatile Renderer renderer = new Renderer(String::valueOf);
    private static volatile String lastId;

    private Display() {
    }

    /** Connects the functions to a kernel; done once by the kernel at start-up. */
    public static void install(DisplayPublisher kernelPublisher, Renderer kernelRenderer) {
        publisher = kernelPublisher;
        renderer = kernelRenderer;
    }

    /**
     * Shows a value as a new output of the running cell.
     *
     * @return the output's display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value) {
        return show(renderer.render(value), newId());
    }

    /**
     * Shows a value as a new output in the given MIME types (and as plain text), as JJava's
     * {@code display(x, "text/html", "text/markdown")}. One argument that is not a MIME type is a display id
     * instead, to replace the output later with {@link #updateDisplay}: {@code display(bar, "progress")}.
     * (One method rather than two overloads, so that {@code display(x, null)} is not ambiguous to javac.)
     *
     * @return the output's display id
     * @throws IllegalArgumentException for a null MIME type or id
     */
    public static String display(Object value, String... mimeTypesOrId) {
        if (mimeTypesOrId == null || Arrays.asList(mimeTypesOrId).contains(null)) {
            throw new IllegalArgumentException("display(value, null): after the value come MIME types such as"
                    + " \"text/html\", or one display id such as \"progress\"; to show the value as it is, call display(value)");
        }
        if (mimeTypesOrId.length == 1 && !isMimeType(mimeTypesOrId[0])) {
            return show(renderer.render(value), mimeTypesOrId[0]);
        }
        return show(renderer.renderAs(value, List.of(mimeTypesOrId)), newId());
    }

    /** Replaces the output shown with this display id (in whichever cell it is) by a new value. */
    public static void updateDisplay(String displayId, Object value) {
        publisher().display(renderer.render(value), Objects.requireNonNull(displayId, "displayId"), true);
    }

    /** Replaces the output shown with this display id by a new value, in the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        publisher().display(renderer.renderAs(value, List.of(mimeTypes)),
                Objects.requireNonNull(displayId, "displayId"), true);
    }

    /** What {@code display(value)} would show, without showing it. */
    public static MimeBundle render(Object value) {
        return renderer.render(value);
    }

    /**
     * What {@code display(value, mimeTypes...)} would show, without showing it: the value in those MIME types
     * that it can be shown in (a string is taken as content of any text type), and as plain text.
     */
    public static MimeBundle render(Object value, String... mimeTypes) {
        return renderer.renderAs(value, List.of(mimeTypes));
    }

    /** Clears the running cell's output at once. */
    public static void clearOutput() {
        publisher().clearOutput(false);
    }

    /** Clears the running cell's output when the next output arrives, so that a redraw does not flicker. */
    public static void clearOutput(boolean wait) {
        publisher().clearOutput(wait);
    }

    /** HTML to show. */
    public static MimeBundle html(String html) {
        return MimeBundle.text("[HTML]").with("text/html", html);
    }

    /** An SVG image to show. */
    public static MimeBundle svg(String svg) {
        return MimeBundle.text("[SVG image]").with("image/svg+xml", svg);
    }

    /** Markdown to show. */
    public static MimeBundle markdown(String markdown) {
        return MimeBundle.text(markdown).with("text/markdown", markdown);
    }

    /** A PNG image to show. */
    public static MimeBundle png(byte[] png) {
        return MimeBundle.text("[PNG image, " + png.length + " bytes]").withPng(png);
    }

    /** Whether text is a MIME type ({@code type/subtype}), as opposed to a display id. */
    public static boolean isMimeType(String text) {
        return MIME_TYPE.matcher(text.strip()).matches();
    }

    /**
     * Whether {@code value} is the very id the last {@code display(...)} returned: a cell ending in
     * {@code display(x)} shows the display only, not its id as well (as IPython's {@code display} returns None).
     */
    public static boolean isLastDisplayId(Object value) {
        return value != null && value == lastId;
    }

    private static String show(MimeBundle bundle, String displayId) {
        publisher().display(bundle, displayId, false);
        lastId = displayId;
        return displayId;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static DisplayPublisher publisher() {
        DisplayPublisher current = publisher;
        if (current == null) {
            throw new IllegalStateException("display() works in a kernel cell only");
        }
        return current;
    }
}

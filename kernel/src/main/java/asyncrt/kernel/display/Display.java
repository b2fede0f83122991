package asyncrt.kernel.display;

import java.util.Objects;

/**
 * Display functions for cells, imported in every session: {@code display(x)} shows a value as an output of the
 * running cell; {@code display(x, "id")} does so under a display id, and {@code updateDisplay("id", y)} then
 * redraws that output in place;
 * {@code html}, {@code svg}, {@code markdown} and {@code png} wrap content of that kind;
 * {@code clearOutput()} clears the cell's output.
 */
public final class Display {

    private static volatile DisplayPublisher publisher;
    private static volatile Renderer renderer = new Renderer(String::valueOf);

    private Display() {
    }

    /** Connects the functions to a kernel; done once by the kernel at start-up. */
    public static void install(DisplayPublisher kernelPublisher, Renderer kernelRenderer) {
        publisher = kernelPublisher;
        renderer = kernelRenderer;
    }

    /** Shows a value as a new output of the running cell. */
    public static void display(Object value) {
        publisher().display(renderer.render(value), null, false);
    }

    /** Shows a value as a new output with a display id of your choosing, for {@link #updateDisplay}. */
    public static void display(Object value, String displayId) {
        publisher().display(renderer.render(value), Objects.requireNonNull(displayId, "displayId"), false);
    }

    /** Replaces the output shown with this display id (in whichever cell it is) by a new value. */
    public static void updateDisplay(String displayId, Object value) {
        publisher().display(renderer.render(value), Objects.requireNonNull(displayId, "displayId"), true);
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

    private static DisplayPublisher publisher() {
        DisplayPublisher current = publisher;
        if (current == null) {
            throw new IllegalStateException("display() works in a kernel cell only");
        }
        return current;
    }
}

package asyncrt.kernel.display;

import asyncrt.introspect.Timeline;
import asyncrt.introspect.TimelinePng;
import asyncrt.introspect.TimelineSvg;
import asyncrt.kernel.util.Log;

/**
 * A {@link Timeline} as the kernel shows it: text for consoles, the picture as SVG and as PNG, and HTML that
 * shows the PNG. Front ends and exporters prefer HTML to SVG, and HTML with an {@code <img>} is what every
 * renderer shows: nbconvert 6 strips SVG elements, JupyterLab's sanitiser strips inline SVG from untrusted
 * outputs, and stored notebooks are rendered by services that do likewise.
 */
public final class TimelinePicture {

    private TimelinePicture() {
    }

    /** The bundle for {@code timeline}, with its text drawn {@code textColumns} wide. */
    public static MimeBundle of(Timeline timeline, int textColumns) {
        MimeBundle bundle = MimeBundle.text(timeline.toText(textColumns))
                .with("image/svg+xml", TimelineSvg.render(timeline));
        try {
            bundle.withPng(TimelinePng.render(timeline));
            bundle.with("text/html", "<img src=\"data:image/png;base64," + bundle.data().get("image/png")
                    + "\" alt=\"timeline: " + timeline.laneCount() + " lanes\">");
        } catch (RuntimeException | Error e) {
            // Headless Java2D without a font throws (sometimes an Error from the font manager): keep the SVG.
            Log.warn("the timeline has no PNG form, so HTML exports and untrusted notebooks may not show it: " + e);
        }
        return bundle;
    }
}

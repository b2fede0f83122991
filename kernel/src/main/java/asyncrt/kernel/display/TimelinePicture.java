package asyncrt.kernel.display;

import asyncrt.introspect.Timeline;
import asyncrt.introspect.TimelinePng;
import asyncrt.introspect.TimelineSvg;
import asyncrt.kernel.Log;

/**
 * A {@link Timeline} as the kernel shows it: text for consoles, SVG for front ends that show it, and the same
 * picture as PNG for those that do not (HTML exports that strip SVG elements, untrusted notebooks, the
 * renderers of stored notebooks).
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
        } catch (RuntimeException | Error e) {
            // Headless Java2D without a font throws (sometimes an Error from the font manager): keep the SVG.
            Log.warn("the timeline has no PNG form, so HTML exports and untrusted notebooks will not show it: " + e);
        }
        return bundle;
    }
}

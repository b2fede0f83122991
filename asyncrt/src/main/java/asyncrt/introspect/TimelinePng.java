package asyncrt.introspect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.TexturePaint;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Timeline} as a PNG, the same picture as {@link TimelineSvg} (lanes, run slices, hatched
 * waits with their labels, grey I/O waits, the ms axis) for the places that do not show SVG: HTML
 * exports whose sanitiser strips SVG elements, untrusted notebooks, renderers of stored notebooks.
 * It draws with Java2D in headless mode, with the SVG's layout ({@link TimelineLayout}). Java2D needs at least
 * one font (on Debian: fontconfig and fonts-dejavu-core); without one, {@link #render} throws and says so.
 */
public final class TimelinePng {
    private static final Color RUN = new Color(0x2b6cb0);
    private static final Color IO_WAIT = new Color(0xd9d9d9);
    private static final Color WAIT_LABEL = new Color(0x1a365d);
    private static final Color AXIS = new Color(0x333333);
    private static final Color MARK = new Color(0xc05621);
    private static final Color LEGEND = new Color(0x7b341e);

    private TimelinePng() {}

    /** The picture of {@code timeline} as it is now, PNG-encoded. */
    public static byte[] render(Timeline timeline) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        TimelineLayout layout = new TimelineLayout(timeline);
        BufferedImage image = new BufferedImage(TimelineLayout.WIDTH, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            if (metrics.getHeight() <= 0 || font.canDisplayUpTo("Task-1 ms") != -1) {
                throw new IllegalStateException("no usable font for the timeline picture (install fontconfig and a font, e.g. fonts-dejavu-core)");
            }
            TexturePaint hatch = hatch();

            for (int i = 0; i < layout.lanes.size(); i++) {
                Timeline.Lane lane = layout.lanes.get(i);
                int y = layout.laneTop(i);
                g.setColor(Color.BLACK);
                g.drawString(clip(lane.label(), metrics, layout.left - 16), 8, y + 20);
                for (Timeline.Span span : layout.spans(lane)) {
                    double x = layout.x(span.start());
                    double w = layout.width(span);
                    Shape box = new Rectangle2D.Double(x, y + 4, w, 24);
                    switch (span.kind()) {
                        case RUN -> g.setPaint(RUN);
                        case WAIT -> g.setPaint(hatch);
                        case IO_WAIT -> g.setPaint(IO_WAIT);
                    }
                    g.fill(box);
                    String label = span.kind() == Timeline.Kind.RUN ? null : TimelineLayout.waitText(span, w);
                    if (label != null) {
                        g.setColor(WAIT_LABEL);
                        Shape oldClip = g.getClip();
                        g.clip(box);
                        g.drawString(label, (float) (x + 4), y + 20);
                        g.setClip(oldClip);
                    }
                }
            }
            int axis = layout.axis;
            g.setColor(AXIS);
            g.setStroke(new BasicStroke(1));
            g.drawLine(layout.left, axis, layout.axisEnd(), axis);
            for (double t : layout.ticks()) {
                int x = (int) Math.round(layout.x(layout.startMs + t));
                g.drawLine(x, axis, x, axis + 5);
                String tick = String.format(Locale.ROOT, "%.0f ms", t);
                g.drawString(tick, x - metrics.stringWidth(tick) / 2f, axis + 20);
            }
            if (layout.hidden > 0) {
                g.setColor(Color.BLACK);
                g.drawString("... and " + layout.hidden + " more lanes, not drawn", 8, axis + 40);
            }
            // The marks (what the tasks printed): a small triangle over the lane, numbered when listed below.
            Font numbers = new Font(Font.SANS_SERIF, Font.BOLD, 10);
            for (TimelineLayout.Numbered n : layout.marks) {
                double x = layout.x(n.mark().at());
                int y = layout.laneTop(n.lane());
                g.setColor(MARK);
                java.awt.geom.Path2D.Double triangle = new java.awt.geom.Path2D.Double();
                triangle.moveTo(x - 4, y);
                triangle.lineTo(x + 4, y);
                triangle.lineTo(x, y + 7);
                triangle.closePath();
                g.fill(triangle);
                if (n.number() > 0) {
                    g.setFont(numbers);
                    g.drawString(String.valueOf(n.number()), (float) layout.numberX(x, n.number()), y + 7);
                    g.setFont(font);
                }
            }
            g.setColor(LEGEND);
            for (int i = 0; i < layout.legend.size(); i++) {
                g.drawString(layout.legend.get(i), 8, layout.legendY(i));
            }
        } finally {
            g.dispose();
        }
        try {
            var bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SVG's wait pattern: pale blue, with a darker stripe every 6 px at 45 degrees. */
    private static TexturePaint hatch() {
        int size = 6;
        BufferedImage tile = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D t = tile.createGraphics();
        t.setColor(new Color(0xeef3fb));
        t.fillRect(0, 0, size, size);
        t.setColor(new Color(0x9db7e0));
        t.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        t.setStroke(new BasicStroke(2f / 1.5f));
        t.drawLine(0, size, size, 0);
        t.drawLine(-size, size, size, -size);
        t.drawLine(0, 2 * size, 2 * size, 0);
        t.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, 6, 6));
    }

    private static String clip(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}

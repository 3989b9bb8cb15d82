package dev.vigil.features.quality;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A precision-recall curve as a PNG, drawn with the JDK alone (headless), so a report needs no plotting
 * tool installed: recall on x, precision on y, both 0 to 1, the area under it (average precision) in
 * the title.
 */
public final class PrCurvePlot {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final int MARGIN = 60;
    static final Color CURVE = new Color(0x1f, 0x77, 0xb4);

    private PrCurvePlot() {}

    /** Writes the curve of {@code curve} (points in descending threshold, as {@link Metrics#precisionRecallCurve}) to {@code png}. */
    public static void write(Path png, List<Metrics.PrPoint> curve, String title) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.LIGHT_GRAY);
        for (int tick = 0; tick <= 10; tick++) {
            double v = tick / 10.0;
            g.drawLine(x(v), y(0), x(v), y(1));
            g.drawLine(x(0), y(v), x(1), y(v));
        }
        g.setColor(Color.BLACK);
        g.drawRect(x(0), y(1), x(1) - x(0), y(0) - y(1));
        for (int tick = 0; tick <= 10; tick += 2) {
            String label = String.format(Locale.ROOT, "%.1f", tick / 10.0);
            g.drawString(label, x(tick / 10.0) - 8, y(0) + 16);
            g.drawString(label, x(0) - 28, y(tick / 10.0) + 4);
        }
        g.drawString("recall", x(0.5) - 16, HEIGHT - 12);
        g.drawString("precision", 6, y(1) - 10);
        g.drawString(
                title + String.format(Locale.ROOT, " (average precision %.3f)", Metrics.areaUnder(curve)),
                x(0),
                MARGIN / 2);
        Path2D.Double line = new Path2D.Double();
        boolean first = true;
        for (Metrics.PrPoint point : curve) {
            if (first) {
                line.moveTo(x(0), y(point.precision()));
                first = false;
            }
            line.lineTo(x(point.recall()), y(point.precision()));
        }
        g.setColor(CURVE);
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** The pixel column of {@code recall}. */
    static int x(double recall) {
        return MARGIN + (int) Math.round(recall * (WIDTH - 2 * MARGIN));
    }

    /** The pixel row of {@code precision}. */
    static int y(double precision) {
        return HEIGHT - MARGIN - (int) Math.round(precision * (HEIGHT - 2 * MARGIN));
    }
}

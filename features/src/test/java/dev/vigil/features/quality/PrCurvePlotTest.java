package dev.vigil.features.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrCurvePlotTest {

    @Test
    void drawsTheCurveWhereItsPointsAre(@TempDir Path dir) throws Exception {
        // precision 1 up to recall 0.5, then 0.25 at recall 1: the curve's flat top runs at y(1)
        List<Metrics.PrPoint> curve = List.of(new Metrics.PrPoint(0.9, 1.0, 0.5), new Metrics.PrPoint(0.1, 0.25, 1.0));
        Path png = dir.resolve("pr.png");

        PrCurvePlot.write(png, curve, "test");

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(PrCurvePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PrCurvePlot.HEIGHT);
        assertThat(image.getRGB(PrCurvePlot.x(0.25), PrCurvePlot.y(1.0)) & 0xffffff)
                .as("on the curve")
                .isEqualTo(PrCurvePlot.CURVE.getRGB() & 0xffffff);
        assertThat(image.getRGB(PrCurvePlot.x(0.25), PrCurvePlot.y(0.55)) & 0xffffff)
                .as("under it, between grid lines")
                .isEqualTo(0xffffff);
    }
}

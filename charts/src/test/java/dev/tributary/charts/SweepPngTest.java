package dev.tributary.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.cli.Main;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPngTest {

    @Test
    void sweepCommandDrawsTheFigureWithItsBandAndPrediction(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("p99.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..6",
            "--figure", "payment.latency.p99", "-r", "2", "--duration", "20m", "--warmup", "2m", "--png", png.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isEqualTo(0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(640);
        // not blank: many colours (text, axes, the band's translucent fill, the lines), and the first
        // curve's blue drawn somewhere inside the plot
        Set<Integer> colours = new HashSet<>();
        boolean blue = false;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                blue |= rgb == 0x1f77b4;
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
        assertThat(blue).isTrue();
    }

    @Test
    void theWriterIsFoundOnTheClassPath() {
        assertThat(dev.tributary.sim.sweep.SweepChart.installed()).get().isInstanceOf(SweepPng.class);
    }

    @Test
    void aMissingDirectoryForThePngIsInvalidInput(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"sweep", "example:basics/mmc-queue", "--vary", "payment.instances=4..5",
            "--png", dir.resolve("no/such/dir/x.png").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--png");
        assertThat(Files.exists(dir.resolve("no"))).isFalse();
    }
}

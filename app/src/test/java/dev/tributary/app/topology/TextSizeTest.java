package dev.tributary.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Diagram text stays readable on a classroom projector: nothing below 12 px at zoom 1. */
class TextSizeTest {

    @Test
    void noDiagramLabelIsBelowTwelvePixelsAtZoomOne() {
        for (double size : new double[] {TopologyView.MIN_TEXT, TopologyView.EDGE_LABEL,
                TopologyView.PARTITION_LABEL, TopologyView.BADGE_LABEL, TopologyView.LEGEND_LABEL,
                TopologyView.WINDOW_COUNT, TopologyView.ALERT_TAG}) {
            assertThat(size).isGreaterThanOrEqualTo(12.0);
        }
    }

    @Test
    void noFontInTheDiagramIsSetFromALiteralBelowTwelvePixels() throws Exception {
        // a size written as a number in place (z(10.5)) escapes the constants above: read the source
        // (the base size of each font; some then shrink to fit a box, as the diagram shrinks to fit)
        String source = Files.readString(Path.of("src/main/java/dev/tributary/app/topology/TopologyView.java"));
        Matcher m = Pattern.compile(
                "Font\\.font\\((?:null, FontWeight\\.\\w+, )?(?:Math\\.min\\()?z\\((\\d+(?:\\.\\d+)?)\\)").matcher(source);
        List<String> small = new ArrayList<>();
        int fonts = 0;
        while (m.find()) {
            fonts++;
            if (Double.parseDouble(m.group(1)) < 12) {
                small.add(m.group());
            }
        }
        assertThat(fonts).as("fonts set from a literal size found in the source").isGreaterThan(3);
        assertThat(small).isEmpty();
    }
}

package dev.tributary.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Diagram text stays readable on a classroom projector: nothing below 12 px at zoom 1. */
class TextSizeTest {

    @Test
    void noDiagramLabelIsBelowTwelvePixelsAtZoomOne() {
        for (double size : new double[] {TopologyView.MIN_TEXT, TopologyView.EDGE_LABEL,
                TopologyView.PARTITION_LABEL, TopologyView.BADGE_LABEL, TopologyView.LEGEND_LABEL}) {
            assertThat(size).isGreaterThanOrEqualTo(12.0);
        }
    }
}

package dev.tributary.app.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.charts.ChartModel.FaultMark;
import dev.tributary.app.charts.FaultLabels.Placed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faults' labels on a chart's time axis never drawn over each other; hand-laid cases, no window. */
class FaultLabelsTest {

    /** A plot wide enough that no label here reaches its right edge. */
    private static final double WIDE = 5000;

    /** Ten pixels a character: widths easy to add up by hand. */
    private static double tenPerChar(String s) {
        return 10.0 * s.length();
    }

    @Test
    void faultsOverTheSameSpanAreOneMarkNamingEveryTarget() {
        // outage-breaker: both groups fail from minute 10 to 15; one band, one label
        List<Placed> p = FaultLabels.layout(List.of(new FaultMark(600, 900, "fail guarded"),
                new FaultMark(600, 900, "fail naive")), 0.5, WIDE, FaultLabelsTest::tenPerChar);
        assertThat(p).containsExactly(new Placed(600, 900, "fail guarded, naive", 0));

        // two crashes at one instant, and two kinds over one span
        assertThat(FaultLabels.layout(List.of(new FaultMark(60, 60, "crash ledger"),
                new FaultMark(60, 60, "crash ledger-eos")), 1, WIDE, FaultLabelsTest::tenPerChar))
                .containsExactly(new Placed(60, 60, "crash ledger, ledger-eos", 0));
        assertThat(FaultLabels.merged(List.of(new FaultMark(10, 20, "fail a"), new FaultMark(10, 20, "slow b"),
                new FaultMark(10, 20, "fail c")))).containsExactly(new FaultMark(10, 20, "fail a, c; slow b"));
    }

    @Test
    void aLabelThatWouldOverlapAnEarlierOneMovesUpARowAndOnlyThen() {
        List<FaultMark> marks = List.of(new FaultMark(120, 120, "start eager"), new FaultMark(240, 240, "stop eager"),
                new FaultMark(360, 360, "stop eager2"), new FaultMark(900, 960, "down broker-2"));
        // 1 px a second: "start eager" spans 120..238 (110 px + the 8 px gap), so "stop eager" at 240 fits
        // on row 0; it ends at 348, so "stop eager2" at 360 fits too, as does the outage at 900
        assertThat(FaultLabels.layout(marks, 1, WIDE, FaultLabelsTest::tenPerChar)).extracting(Placed::row)
                .containsExactly(0, 0, 0, 0);
        // 0.5 px a second: 60..178, then 120 (< 178: row 1, to 228), then 180 (row 0 is free again), 450
        assertThat(FaultLabels.layout(marks, 0.5, WIDE, FaultLabelsTest::tenPerChar)).extracting(Placed::row)
                .containsExactly(0, 1, 0, 0);
        // 0.25 px a second: 30..148, 60 (row 1, to 168), 90 (row 2, to 208), 225 (row 0)
        assertThat(FaultLabels.layout(marks, 0.25, WIDE, FaultLabelsTest::tenPerChar)).extracting(Placed::row)
                .containsExactly(0, 1, 2, 0);
    }

    @Test
    void aLabelThatWouldRunOffThePlotEndsAtItsMarkInstead() {
        // a 400 px plot at 1 px a second: "stop eager2" at 360 would end at 470, so it ends at 360 (from 250),
        // where "stop eager" (240..348 with its gap) holds row 0
        List<FaultMark> marks = List.of(new FaultMark(120, 120, "start eager"), new FaultMark(240, 240, "stop eager"),
                new FaultMark(360, 360, "stop eager2"));
        assertThat(FaultLabels.layout(marks, 1, 400, FaultLabelsTest::tenPerChar)).containsExactly(
                new Placed(120, 120, "start eager", 0, false), new Placed(240, 240, "stop eager", 0, false),
                new Placed(360, 360, "stop eager2", 1, true));
        // a band running past the axis' end: its label ends at the plot's edge, inside the band (270..400)
        assertThat(FaultLabels.layout(List.of(new FaultMark(300, 500, "down broker-2")), 1, 400,
                FaultLabelsTest::tenPerChar)).containsExactly(new Placed(300, 500, "down broker-2", 0, true));
    }

    @Test
    void noFaultsNoMarks() {
        assertThat(FaultLabels.layout(List.of(), 1, WIDE, FaultLabelsTest::tenPerChar)).isEmpty();
    }
}

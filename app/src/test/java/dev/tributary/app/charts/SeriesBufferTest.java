package dev.tributary.app.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {

    @Test
    void staysBoundedAndEvenlySpreadOverALongRun() {
        SeriesBuffer b = new SeriesBuffer("x");
        for (int i = 0; i < 100_000; i++) {
            b.add(i, i);
        }
        assertThat(b.size()).isBetween(SeriesBuffer.MAX_POINTS / 2, SeriesBuffer.MAX_POINTS);
        // no stretch of the run is left without points: the largest gap is a small fraction of it
        double maxGap = 0;
        for (int i = 1; i < b.size(); i++) {
            maxGap = Math.max(maxGap, b.x(i) - b.x(i - 1));
        }
        assertThat(maxGap).isLessThan(100_000 / 200.0);
        assertThat(b.x(0)).isLessThan(100_000 / 500.0);
        assertThat(b.x(b.size() - 1)).isGreaterThan(99_000);
    }

    @Test
    void neverDropsASampleEachPointIsTheMeanOfWhatItHolds() {
        SeriesBuffer b = new SeriesBuffer("x", 100);
        double sum = 0;
        for (int i = 0; i < 12_345; i++) {
            double v = Math.sin(i / 50.0) * 10 + i % 7;
            b.add(i, v);
            sum += v;
        }
        assertThat(b.absorbed()).isEqualTo(12_345);
        long held = 0;
        double weighted = 0;
        for (int i = 0; i < b.size(); i++) {
            held += b.count(i);
            weighted += b.y(i) * b.count(i);
        }
        assertThat(held).isEqualTo(12_345);
        assertThat(weighted).isCloseTo(sum, within(1e-6 * Math.abs(sum) + 1e-6));
    }

    @Test
    void skipsNaNAndClears() {
        SeriesBuffer b = new SeriesBuffer("x");
        b.add(1, Double.NaN);
        b.add(2, 5);
        assertThat(b.size()).isEqualTo(1);
        assertThat(b.offered()).isEqualTo(2);
        assertThat(b.absorbed()).isEqualTo(1);
        long v = b.version();
        b.clear();
        assertThat(b.size()).isZero();
        assertThat(b.version()).isGreaterThan(v);
    }

    @Test
    void settingTheSamePointsAgainChangesNothing() {
        SeriesBuffer b = new SeriesBuffer("predicted");
        b.set(new double[] {0, 60}, new double[] {3, 3});
        long v = b.version();
        b.set(new double[] {0, 60}, new double[] {3, 3});
        assertThat(b.version()).isEqualTo(v);
        b.set(new double[] {0, 61}, new double[] {3, 3});
        assertThat(b.version()).isGreaterThan(v);
        assertThat(b.lastX()).isEqualTo(61.0);
    }
}

package dev.tributary.app.charts;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(b.x(0)).isEqualTo(0.0);
        assertThat(b.x(b.size() - 1)).isGreaterThan(99_000);
    }

    @Test
    void skipsNaNAndClears() {
        SeriesBuffer b = new SeriesBuffer("x");
        b.add(1, Double.NaN);
        b.add(2, 5);
        assertThat(b.size()).isEqualTo(1);
        long v = b.version();
        b.clear();
        assertThat(b.size()).isZero();
        assertThat(b.version()).isGreaterThan(v);
    }
}

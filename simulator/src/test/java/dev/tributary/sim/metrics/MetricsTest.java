package dev.tributary.sim.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.engine.RandomStream;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void timeAverageWeighsByDuration() {
        TimeAverage t = new TimeAverage();
        t.set(0, 2);   // 2 for 1 s
        t.set(1, 0);   // 0 for 3 s
        t.set(4, 4);   // 4 for 1 s
        assertThat(t.mean(5)).isCloseTo((2 + 0 + 4) / 5.0, within(1e-12));
        assertThat(t.max()).isEqualTo(4.0);
        t.reset(5);
        assertThat(t.mean(7)).isEqualTo(4.0);
    }

    @Test
    void latencyRecorderKeepsExactMeansAndThreeDigitPercentiles() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 1000; i++) {
            r.record(i / 1000.0);
        }
        assertThat(r.mean()).isCloseTo(0.5005, within(1e-12));
        assertThat(r.percentile(50)).isCloseTo(0.5, within(0.5 * 1e-3));
        assertThat(r.percentile(99)).isCloseTo(0.99, within(0.99 * 1e-3));
        r.reset();
        assertThat(r.count()).isZero();
        assertThat(r.percentile(50)).isNaN();
    }

    @Test
    void latencyRecorderGivesTheSamePercentilesAsRecordingEveryValueIntoHdrHistogram() {
        // the recorder counts by HdrHistogram's bucket index and folds lazily: it must agree with a histogram
        // fed every value, at every percentile and for the maximum, from microseconds to days, with reads
        // and a reset in between (reads fold part of the values, later values fold on top)
        for (int foldEvery : new int[] {Integer.MAX_VALUE, 7}) {
            checkAgainstHdrHistogram(new LatencyRecorder(true, foldEvery));
        }
    }

    @Test
    void pairedRecordersReadExactlyAsIfEachHadRecordedEveryValue() {
        // a and b share the counts of the values recorded into both; a1 and b1 record everything alone
        for (int foldEvery : new int[] {Integer.MAX_VALUE, 5}) {
            LatencyRecorder a = new LatencyRecorder(true, foldEvery);
            LatencyRecorder b = new LatencyRecorder(true, foldEvery);
            LatencyRecorder a1 = new LatencyRecorder(true, foldEvery);
            LatencyRecorder b1 = new LatencyRecorder(true, foldEvery);
            LatencyRecorder.pair(a, b);
            assertThat(a.pairedWith(b)).isTrue();
            RandomStream r = new RandomStream(5);
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 5_000; i++) {
                    double v = Math.pow(10, -5 + 8 * r.nextDouble());
                    switch (i % 4) {
                        case 0, 1 -> {
                            LatencyRecorder.recordBoth(a, b, v);
                            a1.record(v);
                            b1.record(v);
                        }
                        case 2 -> {
                            a.record(v);
                            a1.record(v);
                        }
                        default -> {
                            b.record(2 * v);
                            b1.record(2 * v);
                        }
                    }
                }
                if (round == 2) {
                    a.reset(); // b keeps every value it shared with a
                    a1.reset();
                }
                for (double p : new double[] {0, 10, 50, 90, 99, 99.9, 100}) {
                    // Double.compare: bit-for-bit, and NaN equals NaN (a is empty just after its reset)
                    assertThat(Double.compare(a.percentile(p), a1.percentile(p))).as("a p%s round %d", p, round).isZero();
                    assertThat(Double.compare(b.percentile(p), b1.percentile(p))).as("b p%s round %d", p, round).isZero();
                }
                assertThat(a.sum()).isEqualTo(a1.sum());
                assertThat(b.sum()).isEqualTo(b1.sum());
                assertThat(a.count()).isEqualTo(a1.count());
                assertThat(b.variance()).isEqualTo(b1.variance());
                assertThat(Double.compare(a.max(), a1.max())).isZero();
                assertThat(Double.compare(b.max(), b1.max())).isZero();
                assertThat(b.percentile(50)).isPositive(); // b is never empty: its checks are not all NaN
            }
        }
    }

    @Test
    void onlyTwoDistinctUnpairedRecordersWithPercentilesPair() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyRecorder.pair(a, a))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyRecorder.pair(a, new LatencyRecorder(false)))
                .isInstanceOf(IllegalArgumentException.class);
        LatencyRecorder.pair(a, b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyRecorder.pair(a, new LatencyRecorder()))
                .isInstanceOf(IllegalArgumentException.class);
        LatencyRecorder c = new LatencyRecorder();
        LatencyRecorder.recordBoth(a, c, 1.0); // not paired with c: recorded into each
        assertThat(c.percentile(50)).isEqualTo(a.percentile(50));
        assertThat(b.count()).isZero();
    }

    @Test
    void aBucketCountedPastAByteKeepsItsFullCount() {
        // pending counts are bytes with a carry: 70,000 values in one bucket and 3 in another must read as such
        LatencyRecorder rec = new LatencyRecorder();
        org.HdrHistogram.Histogram direct = new org.HdrHistogram.Histogram(3);
        for (int i = 0; i < 70_000; i++) {
            rec.record(0.25);
            direct.recordValue(250_000);
        }
        for (int i = 0; i < 3; i++) {
            rec.record(9.0);
            direct.recordValue(9_000_000);
        }
        for (double p : new double[] {50, 99.99, 99.999, 100}) {
            assertThat(rec.percentile(p)).as("p%s", p).isEqualTo(direct.getValueAtPercentile(p) / 1e6);
        }
        assertThat(rec.percentile(99.999)).isGreaterThan(1.0); // the 3 large values are past the 99.996th percentile
        assertThat(rec.count()).isEqualTo(70_003);
    }

    private static void checkAgainstHdrHistogram(LatencyRecorder rec) {
        RandomStream r = new RandomStream(11);
        org.HdrHistogram.Histogram direct = new org.HdrHistogram.Histogram(3);
        double[] ps = {0, 0.1, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 100};
        for (int round = 0; round < 6; round++) {
            if (round == 3) {
                rec.reset();
                direct.reset();
            }
            for (int i = 0; i < 20_000; i++) {
                // log-uniform over 1e-7 s .. 1e6 s, plus exact zeros, negatives (counted as 0) and bucket edges
                double s = switch (i % 50) {
                    case 0 -> 0;
                    case 1 -> -1e-3;
                    case 2 -> (1L << (i % 40)) / 1e6;
                    default -> Math.pow(10, -7 + 13 * r.nextDouble());
                };
                rec.record(s);
                long us = (long) (s * 1e6);
                direct.recordValue(us < 0 ? 0 : us);
            }
            for (double p : ps) {
                assertThat(rec.percentile(p)).as("p%s in round %d", p, round)
                        .isEqualTo(direct.getValueAtPercentile(p) / 1e6);
            }
            assertThat(rec.max()).isEqualTo(direct.getMaxValue() / 1e6);
        }
        for (long v : new long[] {0, 1, 2047, 2048, 2049, 4095, 4096, 1L << 40, Long.MAX_VALUE}) {
            assertThat(LatencyRecorder.lowestValueAt(LatencyRecorder.index(v))).as("bucket of %d", v)
                    .isEqualTo(direct.lowestEquivalentValue(v));
        }
    }

    @Test
    void estimateUsesStudentT() {
        // n = 4, mean 2, sd = sqrt(10/3): t(0.975, 3) = 3.182446
        Estimate e = Estimate.of(new double[] {0, 1, 3, 4});
        assertThat(e.mean()).isEqualTo(2.0);
        assertThat(e.halfWidth()).isCloseTo(3.182446 * Math.sqrt(10.0 / 3) / 2, within(1e-5));
        assertThat(Estimate.of(new double[] {5}).halfWidth()).isNaN();
    }

    @Test
    void batchMeansCoverTheMeanOfIndependentData() {
        RandomStream r = new RandomStream(3);
        int covered = 0;
        for (int rep = 0; rep < 200; rep++) {
            double[] xs = new double[2000];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = r.exponential(1);
            }
            if (BatchMeans.of(xs, 0, 20).contains(1.0)) {
                covered++;
            }
        }
        // 95% intervals: of 200, expect 190 ± 3 (binomial sd ≈ 3.1); fewer than 180 would mean a bug
        assertThat(covered).isBetween(180, 200);
    }

    @Test
    void mserFindsAnInitialTransient() {
        RandomStream r = new RandomStream(8);
        double[] xs = new double[1000];
        for (int i = 0; i < xs.length; i++) {
            double warm = i < 200 ? 20 * (1 - i / 200.0) : 0;
            xs[i] = 5 + warm + r.gaussian();
        }
        int cut = Mser.truncationIndex(xs);
        assertThat(cut).isBetween(150, 300);
        double[] flat = new double[1000];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = 5 + r.gaussian();
        }
        assertThat(Mser.truncationIndex(flat)).isLessThan(150);
    }
}

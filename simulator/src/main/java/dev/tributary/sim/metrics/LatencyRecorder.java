package dev.tributary.sim.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Records durations (seconds) for percentiles with an auto-resizing HdrHistogram at microsecond resolution and
 * 3 significant digits; also keeps the exact sum for the mean, since a mean from the histogram
 * would carry its bucket error into Little's-Law checks.
 *
 * <p>Recording is on the hot path of every station, so a value is not handed to the HdrHistogram
 * at once: it is counted in a plain array indexed exactly as HdrHistogram indexes its buckets (3
 * significant digits, unit 1 µs: 2,048 sub-buckets, each bucket twice as wide as the one before),
 * and those counts are folded into the histogram, one {@code recordValueWithCount} per non-empty
 * bucket, only when a percentile or the maximum is asked for. The histogram then holds the very same
 * counts as if every value had been recorded into it, so every percentile is the same to the bit; what
 * is saved is HdrHistogram's per-value bookkeeping (its volatile minimum and maximum, its total count,
 * its index normalisation and resize checks). The pending counts are ints, not longs: half the
 * memory, so more of a busy histogram's buckets stay in the first-level cache, which is what a
 * recording mostly waits for; they are folded before any of them could pass {@link Integer#MAX_VALUE}.
 */
public final class LatencyRecorder {

    private static final double MICROS = 1e6;
    /** HdrHistogram's layout for 3 significant digits and a lowest discernible value of 1: 2^11 sub-buckets. */
    private static final int SUB_BUCKET_HALF_MAGNITUDE = 10;
    private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = (2L << SUB_BUCKET_HALF_MAGNITUDE) - 1;
    /** 64 − unit magnitude (0) − sub-bucket count magnitude (11), as HdrHistogram's {@code leadingZeroCountBase}. */
    private static final int LEADING_ZERO_COUNT_BASE = 53;

    /** Counts by HdrHistogram bucket index not yet folded into {@link #histogram}; null without percentiles. */
    private int[] counts;
    /** The folded counts, built on first read. */
    private Histogram histogram;
    /** How many of the {@link #count} values the histogram holds; the rest are still in {@link #counts}. */
    private long folded;
    /** Pending values at which the counts are folded, whatever is read: no pending count may pass an int's range. */
    private final int foldEvery;
    private long count;
    private double sum;
    private double sumSquares;

    /** A recorder with percentiles. */
    public LatencyRecorder() {
        this(true);
    }

    /**
     * A recorder; without percentiles it keeps only count, sum and sum of squares, which is all a
     * mean needs and saves the histogram update on the hot path.
     */
    public LatencyRecorder(boolean percentiles) {
        this(percentiles, Integer.MAX_VALUE);
    }

    /** A recorder that folds after every {@code foldEvery} values at the latest (tests use a small number). */
    LatencyRecorder(boolean percentiles, int foldEvery) {
        this.counts = percentiles ? new int[2 * SUB_BUCKET_HALF_COUNT] : null;
        this.foldEvery = foldEvery;
    }

    /** Records one duration in seconds. */
    public void record(double seconds) {
        count++;
        sum += seconds;
        sumSquares += seconds * seconds;
        int[] c = counts;
        if (c != null) {
            long us = (long) (seconds * MICROS);
            int i = index(us < 0 ? 0 : us);
            if (i >= c.length) {
                c = grow(i);
            }
            c[i]++;
            if (count - folded == foldEvery) {
                histogram();
            }
        }
    }

    /** HdrHistogram's {@code countsArrayIndex} for this layout: bucket from the leading zeros, then the sub-bucket. */
    static int index(long value) {
        int bucket = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        int subBucket = (int) (value >>> bucket);
        return ((bucket + 1) << SUB_BUCKET_HALF_MAGNITUDE) + subBucket - SUB_BUCKET_HALF_COUNT;
    }

    /** The lowest value whose index is {@code i} (the inverse of {@link #index} on bucket starts). */
    static long lowestValueAt(int i) {
        if (i < 2 * SUB_BUCKET_HALF_COUNT) {
            return i; // bucket 0: one value per sub-bucket
        }
        int bucket = (i >> SUB_BUCKET_HALF_MAGNITUDE) - 1;
        long subBucket = (i & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
        return subBucket << bucket;
    }

    private int[] grow(int i) {
        // one whole bucket (1,024 indices) at a time, at least doubling, as far as the largest index (bucket 53)
        int n = Math.max(counts.length * 2, ((i >> SUB_BUCKET_HALF_MAGNITUDE) + 1) << SUB_BUCKET_HALF_MAGNITUDE);
        counts = Arrays.copyOf(counts, Math.min(n, index(Long.MAX_VALUE) + 1));
        return counts;
    }

    /** The histogram with every value recorded so far (folds the pending counts in first). */
    private Histogram histogram() {
        if (histogram == null) {
            histogram = new Histogram(3);
        }
        if (folded != count) {
            int[] c = counts;
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0) {
                    histogram.recordValueWithCount(lowestValueAt(i), c[i]);
                    c[i] = 0;
                }
            }
            folded = count;
        }
        return histogram;
    }

    /** Number of values recorded. */
    public long count() {
        return count;
    }

    /** Sum of the recorded values in seconds. */
    public double sum() {
        return sum;
    }

    /** Mean in seconds (NaN when empty). */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Sample variance in seconds² (NaN with fewer than two values). */
    public double variance() {
        if (count < 2) {
            return Double.NaN;
        }
        double m = sum / count;
        return Math.max(0, (sumSquares - count * m * m) / (count - 1));
    }

    /** The given percentile (0–100) in seconds (NaN when empty). */
    public double percentile(double p) {
        return count == 0 || counts == null ? Double.NaN : histogram().getValueAtPercentile(p) / MICROS;
    }

    /** The largest value in seconds (NaN when empty). */
    public double max() {
        return count == 0 || counts == null ? Double.NaN : histogram().getMaxValue() / MICROS;
    }

    /** An independent recorder holding everything recorded here so far (same percentiles, sum and count to the bit). */
    public LatencyRecorder copy() {
        LatencyRecorder c = new LatencyRecorder(counts != null, foldEvery);
        if (counts != null) {
            c.counts = counts.clone();
        }
        c.histogram = histogram == null ? null : histogram.copy();
        c.folded = folded;
        c.count = count;
        c.sum = sum;
        c.sumSquares = sumSquares;
        return c;
    }

    /** Forgets everything recorded (warm-up deletion). */
    public void reset() {
        if (counts != null) {
            Arrays.fill(counts, 0);
        }
        if (histogram != null) {
            histogram.reset();
        }
        folded = 0;
        count = 0;
        sum = 0;
        sumSquares = 0;
    }
}

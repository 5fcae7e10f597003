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
 * its index normalisation and resize checks). The pending counts are single bytes, the low eight
 * bits of each count, with the higher bits in a second int array touched once in 256 recordings of
 * a bucket: a recording mostly waits for its bucket's cache line, and a byte a bucket puts 64 buckets
 * on a line instead of 16, so the buckets a run really uses (a few thousand) stay in the first-level
 * cache beside the model's other state (ints there cost about 5% of an M/M/c run against bytes).
 * They are folded before any count could pass {@link Integer#MAX_VALUE}.
 *
 * <p>Two recorders can be {@link #pair paired}: a value both must record (a queue's sojourn time and
 * its only group's end-to-end time, when the event was produced straight into the queue, are the same
 * double) is then counted once, in counts the two share, by {@link #recordBoth}; each recorder still
 * adds it to its own count and sums in its own order, so means, sums and percentiles are the same to
 * the bit as if each had recorded it. The shared counts are folded into both histograms at once.
 */
public final class LatencyRecorder {

    private static final double MICROS = 1e6;
    /** HdrHistogram's layout for 3 significant digits and a lowest discernible value of 1: 2^11 sub-buckets. */
    private static final int SUB_BUCKET_HALF_MAGNITUDE = 10;
    private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = (2L << SUB_BUCKET_HALF_MAGNITUDE) - 1;
    /** 64 − unit magnitude (0) − sub-bucket count magnitude (11), as HdrHistogram's {@code leadingZeroCountBase}. */
    private static final int LEADING_ZERO_COUNT_BASE = 53;

    /** Counts by HdrHistogram bucket index not yet folded into a histogram: a byte a bucket, the higher bits beside. */
    private static final class Pending {
        /** The low 8 bits of each count. */
        byte[] counts = new byte[2 * SUB_BUCKET_HALF_COUNT];
        /** {@code carries[i]} is how many times {@code counts[i]} wrapped past 255. */
        int[] carries = new int[2 * SUB_BUCKET_HALF_COUNT];
        /** Values counted since the last fold. */
        long values;

        void add(int i) {
            byte[] c = counts;
            if (i >= c.length) {
                c = grow(i);
            }
            if (++c[i] == 0) {
                carries[i]++; // the byte wrapped from 255 (−1) to 0
            }
            values++;
        }

        private byte[] grow(int i) {
            // one whole bucket (1,024 indices) at a time, at least doubling, as far as the largest index (bucket 53)
            int n = Math.min(Math.max(counts.length * 2, ((i >> SUB_BUCKET_HALF_MAGNITUDE) + 1) << SUB_BUCKET_HALF_MAGNITUDE),
                    index(Long.MAX_VALUE) + 1);
            counts = Arrays.copyOf(counts, n);
            carries = Arrays.copyOf(carries, n);
            return counts;
        }

        /** Adds every pending count to {@code into} (and to {@code also}, when not null), then clears them. */
        void fold(Histogram into, Histogram also) {
            if (values == 0) {
                return;
            }
            byte[] c = counts;
            int[] high = carries;
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0 || high[i] != 0) {
                    long n = ((long) high[i] << 8) | (c[i] & 0xff);
                    into.recordValueWithCount(lowestValueAt(i), n);
                    if (also != null) {
                        also.recordValueWithCount(lowestValueAt(i), n);
                    }
                    c[i] = 0;
                    high[i] = 0;
                }
            }
            values = 0;
        }

        /** Forgets every pending count. */
        void clear() {
            Arrays.fill(counts, (byte) 0);
            Arrays.fill(carries, 0);
            values = 0;
        }
    }

    /** This recorder's own pending counts; null without percentiles. */
    private final Pending own;
    /** The pending counts shared with {@link #partner}, or null when not paired. */
    private Pending shared;
    private LatencyRecorder partner;
    /** The folded counts, built on first read or first fold. */
    private Histogram histogram;
    /** Pending values at which counts are folded, whatever is read: no pending count may pass an int's range. */
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
        this.own = percentiles ? new Pending() : null;
        this.foldEvery = foldEvery;
    }

    /**
     * Lets {@code a} and {@code b} (both with percentiles, neither paired yet) count the values they both
     * record through {@link #recordBoth} once, in shared counts.
     */
    public static void pair(LatencyRecorder a, LatencyRecorder b) {
        if (a == b || a.own == null || b.own == null || a.partner != null || b.partner != null) {
            throw new IllegalArgumentException("only two distinct unpaired recorders with percentiles can be paired");
        }
        Pending s = new Pending();
        a.shared = s;
        b.shared = s;
        a.partner = b;
        b.partner = a;
    }

    /** Whether this recorder is paired with {@code other}. */
    public boolean pairedWith(LatencyRecorder other) {
        return partner == other && other != null;
    }

    /** Records one duration in seconds. */
    public void record(double seconds) {
        count++;
        sum += seconds;
        sumSquares += seconds * seconds;
        Pending p = own;
        if (p != null) {
            p.add(indexOf(seconds));
            if (p.values == foldEvery) {
                histogram();
            }
        }
    }

    /**
     * Records {@code seconds} into {@code a} and into {@code b}, exactly as {@code a.record(seconds)}
     * then {@code b.record(seconds)} would; when they are {@link #pair paired} the bucket is counted once.
     */
    public static void recordBoth(LatencyRecorder a, LatencyRecorder b, double seconds) {
        Pending s = a.shared;
        if (s == null || a.partner != b) {
            a.record(seconds);
            b.record(seconds);
            return;
        }
        a.count++;
        a.sum += seconds;
        a.sumSquares += seconds * seconds;
        b.count++;
        b.sum += seconds;
        b.sumSquares += seconds * seconds;
        s.add(indexOf(seconds));
        if (s.values == a.foldEvery) {
            a.foldShared();
        }
    }

    private static int indexOf(double seconds) {
        long us = (long) (seconds * MICROS);
        return index(us < 0 ? 0 : us);
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

    private Histogram ownHistogram() {
        if (histogram == null) {
            histogram = new Histogram(3);
        }
        return histogram;
    }

    /** Folds the counts shared with the partner into both histograms. */
    private void foldShared() {
        shared.fold(ownHistogram(), partner.ownHistogram());
    }

    /** The histogram with every value recorded so far (folds the pending counts in first). */
    private Histogram histogram() {
        Histogram h = ownHistogram();
        own.fold(h, null);
        if (shared != null) {
            foldShared();
        }
        return h;
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
        return count == 0 || own == null ? Double.NaN : histogram().getValueAtPercentile(p) / MICROS;
    }

    /** The largest value in seconds (NaN when empty). */
    public double max() {
        return count == 0 || own == null ? Double.NaN : histogram().getMaxValue() / MICROS;
    }

    /** Forgets everything recorded (warm-up deletion); a partner keeps what it shared. */
    public void reset() {
        if (own != null) {
            if (shared != null) {
                foldShared(); // the partner keeps the shared values in its histogram; this one forgets them below
            }
            own.clear();
            if (histogram != null) {
                histogram.reset();
            }
        }
        count = 0;
        sum = 0;
        sumSquares = 0;
    }
}

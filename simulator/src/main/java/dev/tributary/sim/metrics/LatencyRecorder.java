package dev.tributary.sim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Records durations (seconds) for percentiles with an auto-resizing HdrHistogram at microsecond resolution and
 * 3 significant digits; also keeps the exact sum for the mean, since a mean from the histogram
 * would carry its bucket error into Little's-Law checks.
 */
public final class LatencyRecorder {

    private static final double MICROS = 1e6;

    private final Histogram histogram;
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
        this.histogram = percentiles ? new Histogram(3) : null;
    }

    /** Records one duration in seconds. */
    public void record(double seconds) {
        if (histogram != null) {
            long us = (long) (seconds * MICROS);
            histogram.recordValue(us < 0 ? 0 : us);
        }
        count++;
        sum += seconds;
        sumSquares += seconds * seconds;
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
        return count == 0 || histogram == null ? Double.NaN : histogram.getValueAtPercentile(p) / MICROS;
    }

    /** The largest value in seconds (NaN when empty). */
    public double max() {
        return count == 0 || histogram == null ? Double.NaN : histogram.getMaxValue() / MICROS;
    }

    /** Forgets everything recorded (warm-up deletion). */
    public void reset() {
        if (histogram != null) {
            histogram.reset();
        }
        count = 0;
        sum = 0;
        sumSquares = 0;
    }
}

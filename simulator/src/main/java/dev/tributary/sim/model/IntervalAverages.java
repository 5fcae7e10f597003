package dev.tributary.sim.model;

import dev.tributary.sim.metrics.LatencyRecorder;

/**
 * Turns running totals into per-interval averages at each sample: L over the interval from the
 * change in the area under the number-in-system curve, W from the change in the sum and count of
 * sojourn times. These series feed batch means and the MSER-5 warm-up detector.
 */
final class IntervalAverages {

    private double lastArea;
    private double lastSum;
    private long lastCount;

    /** Appends {@code L.avg} and {@code W.avg} samples to {@code owner} (W is NaN when none finished). */
    void sample(Element owner, String prefix, double now, double interval, double area, LatencyRecorder sojourn) {
        owner.series(prefix + "L.avg").add(now, (area - lastArea) / interval);
        long count = sojourn.count();
        owner.series(prefix + "W.avg").add(now, count == lastCount ? Double.NaN
                : (sojourn.sum() - lastSum) / (count - lastCount));
        lastArea = area;
        lastSum = sojourn.sum();
        lastCount = count;
    }

    /** Starts over (the totals were reset at the end of the warm-up). */
    void reset() {
        lastArea = 0;
        lastSum = 0;
        lastCount = 0;
    }
}

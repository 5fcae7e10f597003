package dev.tributary.sim.element;

import dev.tributary.sim.metrics.LatencyRecorder;

/**
 * Turns running totals into per-interval averages at each sample: L, Lq and utilization over the
 * interval from the change in the areas under their curves, W and Wq from the change in the sums
 * and counts of the recorded times. These series feed batch means (one run's confidence
 * intervals) and the MSER-5 warm-up detector.
 */
public final class IntervalAverages {

    private double lastL;
    private double lastLq;
    private double lastBusy;
    private double lastWSum;
    private long lastWCount;
    private double lastWqSum;
    private long lastWqCount;

    /**
     * Appends {@code L.avg}, {@code Lq.avg}, {@code utilization.avg}, {@code W.avg} and {@code Wq.avg}
     * samples to {@code owner} (W and Wq are NaN for an interval in which nothing finished).
     */
    public void sample(Element owner, String prefix, double now, double interval, double lArea, double lqArea, double busyArea,
                int workers, LatencyRecorder sojourn, LatencyRecorder wait) {
        owner.series(prefix + "L.avg").add(now, (lArea - lastL) / interval);
        owner.series(prefix + "Lq.avg").add(now, (lqArea - lastLq) / interval);
        owner.series(prefix + "utilization.avg").add(now, workers == 0 ? 0 : (busyArea - lastBusy) / interval / workers);
        owner.series(prefix + "W.avg").add(now, mean(sojourn.sum() - lastWSum, sojourn.count() - lastWCount));
        owner.series(prefix + "Wq.avg").add(now, mean(wait.sum() - lastWqSum, wait.count() - lastWqCount));
        lastL = lArea;
        lastLq = lqArea;
        lastBusy = busyArea;
        lastWSum = sojourn.sum();
        lastWCount = sojourn.count();
        lastWqSum = wait.sum();
        lastWqCount = wait.count();
    }

    private static double mean(double sum, long count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Starts over (the totals were reset at the end of the warm-up). */
    public void reset() {
        lastL = 0;
        lastLq = 0;
        lastBusy = 0;
        lastWSum = 0;
        lastWCount = 0;
        lastWqSum = 0;
        lastWqCount = 0;
    }
}

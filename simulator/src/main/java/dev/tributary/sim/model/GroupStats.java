package dev.tributary.sim.model;

import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;

/** What one consumer group measures about the events it handles. */
final class GroupStats {

    final LatencyRecorder sojourn = new LatencyRecorder();
    final LatencyRecorder wait = new LatencyRecorder(false); // only its mean is reported
    final LatencyRecorder endToEnd = new LatencyRecorder();
    final TimeAverage busy = new TimeAverage();
    long completions;
    /** False when the group's queue records the same sojourn and wait times (it is the only reader). */
    boolean recordTimes = true;
    long outOfOrder;
    long expired;
    private long lastSampleCompletions;
    private final long[] lastIdByKey;

    GroupStats(int keySpace) {
        lastIdByKey = new long[keySpace];
        java.util.Arrays.fill(lastIdByKey, -1);
    }

    /** Records one handled event; counts it out of order if a newer event of its key finished first. */
    void completed(double now, double enqueued, double started, double origin, int key, long id) {
        completions++;
        if (recordTimes) {
            sojourn.record(now - enqueued);
            wait.record(started - enqueued);
        }
        endToEnd.record(now - origin);
        if (key >= 0 && key < lastIdByKey.length) {
            if (id < lastIdByKey[key]) {
                outOfOrder++;
            } else {
                lastIdByKey[key] = id;
            }
        }
    }

    long takeSampleCompletions() {
        long d = completions - lastSampleCompletions;
        lastSampleCompletions = completions;
        return d;
    }

    void reset(double now) {
        sojourn.reset();
        wait.reset();
        endToEnd.reset();
        busy.reset(now);
        completions = 0;
        lastSampleCompletions = 0;
        outOfOrder = 0;
        expired = 0;
    }
}

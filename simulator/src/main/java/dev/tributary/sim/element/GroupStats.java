package dev.tributary.sim.element;

import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;

/** What one consumer group measures about the events it handles. */
public final class GroupStats {

    public final LatencyRecorder sojourn = new LatencyRecorder();
    public final LatencyRecorder wait = new LatencyRecorder(false); // only its mean is reported
    public final LatencyRecorder endToEnd = new LatencyRecorder();
    public final TimeAverage busy = new TimeAverage();
    public long completions;
    /** False when the group's queue records the same sojourn and wait times (it is the only reader). */
    public boolean recordTimes = true;
    public long outOfOrder;
    public long expired;
    private long lastSampleCompletions;
    private final long[] lastIdByKey;

    public GroupStats(int keySpace) {
        lastIdByKey = new long[keySpace];
        java.util.Arrays.fill(lastIdByKey, -1);
    }

    /** Records one handled event; counts it out of order if a newer event of its key finished first. */
    public void completed(double now, double enqueued, double started, double origin, int key, long id) {
        completed(now, enqueued, started, origin, key, id, true);
    }

    /**
     * Records one handled event as {@link #completed(double, double, double, double, int, long)}, but its
     * end-to-end time only if {@code endToEndToo} (the caller records it, paired with the same value elsewhere).
     */
    public void completed(double now, double enqueued, double started, double origin, int key, long id,
                          boolean endToEndToo) {
        completions++;
        if (recordTimes) {
            if (endToEndToo && enqueued == origin) {
                // produced straight into this place: the two times are the same double (counted once when paired)
                LatencyRecorder.recordBoth(sojourn, endToEnd, now - enqueued);
            } else {
                sojourn.record(now - enqueued);
                if (endToEndToo) {
                    endToEnd.record(now - origin);
                }
            }
            wait.record(started - enqueued);
        } else if (endToEndToo) {
            endToEnd.record(now - origin);
        }
        countOrder(key, id);
    }

    /** Counts the sojourn and end-to-end times the group records itself once when they are equal (see {@link LatencyRecorder#pair}). */
    public void pairTimes() {
        if (!sojourn.pairedWith(endToEnd)) {
            LatencyRecorder.pair(sojourn, endToEnd);
        }
    }

    /** Counts a handled event out of order if a newer event of its key was handled first. */
    public void countOrder(int key, long id) {
        if (key >= 0 && key < lastIdByKey.length) {
            if (id < lastIdByKey[key]) {
                outOfOrder++;
            } else {
                lastIdByKey[key] = id;
            }
        }
    }

    /** Records an event handled elsewhere for this group (a retry stage): its end-to-end time and its order. */
    public void handledElsewhere(double now, double origin, int key, long id) {
        endToEnd.record(now - origin);
        countOrder(key, id);
    }

    /** Records the times of an event that left without being handled (dead-lettered, dropped, requeued). */
    public void departed(double now, double enqueued, double started) {
        if (recordTimes) {
            sojourn.record(now - enqueued);
            wait.record(started - enqueued);
        }
    }

    public long takeSampleCompletions() {
        long d = completions - lastSampleCompletions;
        lastSampleCompletions = completions;
        return d;
    }

    public void reset(double now) {
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

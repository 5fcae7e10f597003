package dev.tributary.sim.element;

import dev.tributary.sim.metrics.LatencyRecorder;
import dev.tributary.sim.metrics.TimeAverage;

/** What one consumer group measures about the events it handles. */
public final class GroupStats {

    public final LatencyRecorder sojourn = new LatencyRecorder();
    public final LatencyRecorder wait = new LatencyRecorder(false); // only its mean is reported
    /**
     * End-to-end times, once they differ from the sojourn times: while every handled event entered the
     * group's channel the moment it was produced (the group reads straight from its producers), the two
     * are the same numbers and {@link #sojourn} stands for both, saving a histogram update per event.
     */
    private LatencyRecorder endToEnd = new LatencyRecorder();
    private boolean endToEndIsSojourn = true;
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
        completions++;
        if (endToEndIsSojourn && (origin != enqueued || !recordTimes)) {
            splitEndToEnd();
        }
        if (recordTimes) {
            sojourn.record(now - enqueued);
            wait.record(started - enqueued);
        }
        if (!endToEndIsSojourn) {
            endToEnd.record(now - origin);
        }
        countOrder(key, id);
    }

    /** The end-to-end times of the handled events (from when each was produced). */
    public LatencyRecorder endToEnd() {
        return endToEndIsSojourn ? sojourn : endToEnd;
    }

    /** The end-to-end times stop following the sojourn times: from now on they are recorded on their own. */
    private void splitEndToEnd() {
        endToEnd = sojourn.copy();
        endToEndIsSojourn = false;
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
        if (endToEndIsSojourn) {
            splitEndToEnd();
        }
        endToEnd.record(now - origin);
        countOrder(key, id);
    }

    /** Records the times of an event that left without being handled (dead-lettered, dropped, requeued). */
    public void departed(double now, double enqueued, double started) {
        if (endToEndIsSojourn && recordTimes) {
            splitEndToEnd();
        }
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

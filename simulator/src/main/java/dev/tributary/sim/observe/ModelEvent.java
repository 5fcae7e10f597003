package dev.tributary.sim.observe;

/**
 * Something that happened in a model, told to a {@link ModelObserver}. A small closed family:
 * new kinds of happening (failed, retried, dead-lettered, crashed, rebalanced, committed,
 * compensated) join it as records here, so an observer's switch over them stays exhaustive.
 * Element indices are those of the model's element list.
 */
public sealed interface ModelEvent permits ModelEvent.Moved, ModelEvent.Rejected, ModelEvent.Dropped,
        ModelEvent.Expired {

    /** Simulated time of the happening, in seconds. */
    double time();

    /**
     * An event moved from element {@code from} to element {@code to}.
     *
     * @param key  the event's key index, or -1 if it has none
     * @param lane the partition (stream append: from == to), the worker instance (channel to group),
     *             the rule index (router), or -1
     */
    record Moved(double time, int from, int to, int key, int lane) implements ModelEvent {
    }

    /** An event was refused by a full channel (overflow: reject, or an emit into a full blocking queue). */
    record Rejected(double time, int element, int key) implements ModelEvent {
    }

    /** A waiting event was discarded to make room (overflow: drop-oldest). */
    record Dropped(double time, int element, int key) implements ModelEvent {
    }

    /** Records of a partition were deleted by retention before a group read them. */
    record Expired(double time, int element, int partition, long count) implements ModelEvent {
    }
}

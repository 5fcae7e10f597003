package dev.tributary.sim.observe;

/**
 * Something that happened in a model, told to a {@link ModelObserver}. A small closed family:
 * new kinds of happening (failed, retried, dead-lettered, crashed, rebalanced, committed,
 * compensated) join it as records here, so an observer's switch over them stays exhaustive.
 * Element indices are those of the model's element list.
 */
public sealed interface ModelEvent permits ModelEvent.Moved, ModelEvent.Rejected, ModelEvent.Dropped,
        ModelEvent.Expired, ModelEvent.Failed, ModelEvent.Retried, ModelEvent.DeadLettered, ModelEvent.BreakerChanged,
        ModelEvent.FaultChanged, ModelEvent.Redriven, ModelEvent.AlertRaised, ModelEvent.AlertCleared,
        ModelEvent.BrokerChanged, ModelEvent.LeaderChanged {

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

    /**
     * An attempt to handle an event failed in group (or retry stage) {@code element}.
     *
     * @param attempt the failed attempt's number, 0 for the first
     */
    record Failed(double time, int element, int key, int attempt) implements ModelEvent {
    }

    /**
     * A failed event will be tried again after {@code delay} seconds: in place (blocking), back in its
     * channel (requeue) or in a retry stage ({@code to} is then the stage's element).
     *
     * @param attempt the number of the coming attempt
     */
    record Retried(double time, int element, int to, int key, int attempt, double delay) implements ModelEvent {
    }

    /**
     * An event left its group unhandled: sent to the dead-letter channel {@code to}, or dropped when
     * the group has no DLQ ({@code to} is −1).
     *
     * @param attempts the attempts made
     * @param reason   exhausted, poison or breaker-open
     */
    record DeadLettered(double time, int element, int to, int key, int attempts, String reason) implements ModelEvent {
    }

    /** A group's circuit breaker changed state: closed, half-open or open. */
    record BreakerChanged(double time, int element, String state) implements ModelEvent {
    }

    /** A fault on element {@code element} began or ended (e.g. fail, slow). */
    record FaultChanged(double time, int element, String fault, boolean active) implements ModelEvent {
    }

    /** {@code count} events waiting in channel {@code element} were moved back to channel {@code to}. */
    record Redriven(double time, int element, int to, long count) implements ModelEvent {
    }

    /** A monitored figure of an element crossed an alert threshold: {@code level} is warning or critical. */
    record AlertRaised(double time, int element, String figure, String level, double value) implements ModelEvent {
    }

    /** A monitored figure went back below the threshold of an alert raised before. */
    record AlertCleared(double time, int element, String figure, String level, double value) implements ModelEvent {
    }

    /** Broker {@code broker} (index from 0; its id is {@code broker-(broker+1)}) went down or came back. */
    record BrokerChanged(double time, int broker, boolean up) implements ModelEvent {
    }

    /**
     * Partition {@code partition} of stream {@code element} has a new leader: broker index
     * {@code broker}, or −1 when it has none (unavailable: producers hold its records, consumers stall).
     */
    record LeaderChanged(double time, int element, int partition, int broker) implements ModelEvent {
    }
}

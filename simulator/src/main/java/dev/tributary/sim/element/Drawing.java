package dev.tributary.sim.element;

import java.util.List;

/**
 * How a channel wants to be drawn: the app draws shapes, not kinds, so a new kind picks a shape
 * and appears without any change to the app.
 *
 * @param shape    the figure
 * @param lanes    parallel lanes (a stream's partitions; a window's rows: the windows alive at once, 0 for
 *                 sessions), 1 otherwise
 * @param capacity waiting room (for a fill gauge), or {@link Integer#MAX_VALUE} when unbounded
 */
public record Drawing(Shape shape, int lanes, int capacity) {

    /** The figures the app can draw. */
    public enum Shape {
        /**
         * A FIFO with workers competing for it; its state reports {@code queued}, and with a capacity it is
         * full at {@code queued} = capacity. Whoever waits for room in a full one says so in its own state:
         * a producer {@code blocked} = 1, a group {@code held} (its workers holding a finished event) and
         * {@code worker.I.held} = 1 for each of them.
         */
        QUEUE,
        /** A hub that copies every event to each subscriber's own queue. */
        FAN_OUT,
        /** A partitioned log read at offsets. */
        LOG,
        /** A switch that forwards each event along one labelled edge. */
        ROUTER,
        /**
         * A flow that keeps units of work in flight across its readers (a saga): its state reports
         * {@code inFlight} and outcome counts; moves on {@link #UNDO_LANE} undo work (compensations).
         */
        FLOW,
        /**
         * Event-time windows per key, closing as the watermark passes them, and alerts. Its state reports
         * {@code openWindows} (window and key states held), {@code windows} (aggregates emitted),
         * {@code alerts}, {@code late}, {@code dropped} and {@code threshold} (0: no alert rule); for each
         * aligned window holding events, oldest first ({@code I} = 0, 1, …, at most {@link #MAX_WINDOWS}):
         * {@code window.I.start}, {@code window.I.end} (due: later events are late),
         * {@code window.I.close} (end plus the allowed lateness: it emits and is freed),
         * {@code window.I.events} and {@code window.I.top} (most events of one key); {@code windowsHeld}
         * counts them all.
         */
        WINDOW,
        /**
         * An append-only store whose readers keep read models (projections). Its state reports
         * {@code appended}, {@code snapshots}, {@code replayed}, {@code queued}, {@code busy} and
         * {@code workers}; for each reader {@code G}: {@code staleness.G.since}, the commit time of the
         * oldest event not yet visible in G's read model (absent when G is caught up: the app shows the
         * current staleness as now minus it), and {@code staleness.G.mean}, the mean staleness so far.
         * A commit is a move from the store to itself: each reader's copy enters its own queue then.
         */
        STORE
    }

    /** Most windows a {@link Shape#WINDOW} reports one by one. */
    public static final int MAX_WINDOWS = 8;

    /** The lane of a move that undoes work (a compensation), drawn in the undo colour. */
    public static final int UNDO_LANE = -2;
}

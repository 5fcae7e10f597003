package dev.tributary.sim.element;

import java.util.List;

/**
 * How a channel wants to be drawn: the app draws shapes, not kinds, so a new kind picks a shape
 * and appears without any change to the app.
 *
 * @param shape    the figure
 * @param lanes    parallel lanes (a stream's partitions), 1 otherwise
 * @param capacity waiting room (for a fill gauge), or {@link Integer#MAX_VALUE} when unbounded
 */
public record Drawing(Shape shape, int lanes, int capacity) {

    /** The figures the app can draw. */
    public enum Shape {
        /** A FIFO with workers competing for it. */
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
        FLOW
    }

    /** The lane of a move that undoes work (a compensation), drawn in the undo colour. */
    public static final int UNDO_LANE = -2;
}

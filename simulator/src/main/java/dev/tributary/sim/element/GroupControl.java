package dev.tributary.sim.element;

/** What faults can do to a consumer group while they last: fail every attempt, or slow it down. */
public interface GroupControl {

    /** A {@code fail} fault began ({@code on}) or ended: while one lasts, every attempt fails. */
    void failing(boolean on);

    /** A {@code slow} fault with this factor began ({@code on}) or ended: service times are multiplied by it. */
    void slow(double factor, boolean on);
}

package dev.tributary.sim.model;

/**
 * The one narrow hook through which a viewer watches events move, called on the simulation thread
 * for every hop. Element indices are those of {@link Model#elements()}.
 */
@FunctionalInterface
public interface FlowListener {

    /**
     * An event moved from element {@code from} to element {@code to} at simulated time {@code time}.
     *
     * @param key  the event's key index, or -1 if it has none
     * @param lane the partition (stream append: from == to), the worker instance (channel to group),
     *             the rule index (router), or -1
     */
    void moved(int from, int to, int key, int lane, double time);
}

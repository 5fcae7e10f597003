package dev.tributary.sim.element;

/** A sender that can wait for room in a full channel (backpressure): told when there is room again. */
public interface Sender {

    /** The channel has room again: hand over the held event and go on. */
    void unblock();
}

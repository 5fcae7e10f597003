package dev.tributary.sim.model;

/**
 * Where an event can be sent: a channel. The event travels as primitives (key, type index, origin
 * time, id), never as an object.
 */
interface Destination {

    /**
     * Offers one event.
     *
     * @param sender a producer that can wait for room, or {@code null} when the sender cannot wait
     * @return false only when the event was not taken and {@code sender} will be called back by
     *     {@link Producer#unblock()} when there is room; true when taken, rejected or dropped
     */
    boolean offer(int key, int type, double origin, long id, Producer sender);

    /** The element's index in the model (for flow listeners). */
    int index();
}

package dev.tributary.sim.element;

/**
 * Where an event can be sent: a channel. The event travels as a slot of a {@link Messages} store,
 * never as an object.
 */
public interface Destination {

    /**
     * Offers one event: the message at {@code slot} of {@code from} (the receiver copies what it keeps).
     *
     * @param sender a sender that can wait for room, or {@code null} when the sender cannot wait
     * @return false only when the event was not taken and {@code sender} will be told by
     *     {@link Sender#unblock()} when there is room; true when taken, rejected or dropped
     */
    boolean offer(Messages from, int slot, Sender sender);

    /** The element's index in the model (for observers). */
    int index();

    /**
     * Whether a consumer's worker that emits here should hold its event and wait for room when this
     * channel is full (a stage's backpressure) instead of having the event rejected; false by default.
     */
    default boolean backpressuresWorkers() {
        return false;
    }
}

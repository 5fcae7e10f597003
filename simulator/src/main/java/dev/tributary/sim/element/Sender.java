package dev.tributary.sim.element;

/** A sender that can wait for room in a full channel (backpressure): told when there is room again. */
public interface Sender {

    /** The channel has room again: hand over the held event and go on. */
    void unblock();

    /**
     * How many records this sender may hold while their partitions have no leader (Kafka's
     * {@code buffer.memory} in records); 0 (the default) holds none: they fail at once.
     */
    default int bufferLimit() {
        return 0;
    }

    /** How long a held record may wait for a leader before it fails (Kafka's {@code delivery.timeout.ms}). */
    default double deliveryTimeout() {
        return Double.POSITIVE_INFINITY;
    }

    /** The number of records this sender holds changed by {@code delta}. */
    default void buffered(int delta) {
    }

    /** {@code n} of this sender's records failed: no room to hold them, or held past the delivery timeout. */
    default void failed(long n) {
    }
}

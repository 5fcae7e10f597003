package dev.tributary.sim.element;

/** What a consumer of one kind of channel adds to the common consumer keys (a stream group's assignor and offset). */
public interface ConsumerOptions {

    /** No options. */
    ConsumerOptions NONE = new ConsumerOptions() {
        @Override
        public String toString() {
            return "none";
        }
    };

    /** Whether the options make the group start elsewhere than at the steady state (e.g. a replay from an offset). */
    default boolean startsElsewhere() {
        return false;
    }
}

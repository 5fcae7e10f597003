package dev.tributary.sim.element;

import java.util.List;

/** The wiring of a scenario as element kinds see it when they build theory: who reads and writes which channel. */
public interface Topology {

    /** The consumers (groups) reading from a channel, in file order. */
    List<ConsumerSpec> consumersOf(String channelId);

    /** The producers writing to a channel, in file order. */
    List<ProducerSpec> producersTo(String channelId);

    /** Every channel of the scenario, in file order (a stage finds the stage its readers feed). */
    default List<ChannelSpec> channels() {
        return List.of();
    }

    /** Simulated time of a run, in seconds. */
    double duration();

    /**
     * Whether a fault disturbs this consumer group during the run, directly (fail, slow) or through
     * what reaches it (a faulted group upstream, a redrive into its channel): its prediction is then
     * a steady state the run does not stay in.
     */
    default boolean faulted(String groupId) {
        return false;
    }
}

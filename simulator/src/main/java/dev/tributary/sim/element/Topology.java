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

    /**
     * Whether one channel alone feeds {@code channelId}, by forwarding (a window's or router's target):
     * no producer sends to it, no group emits to it, and no other channel forwards to it.
     */
    default boolean soleForwarded(String channelId) {
        return producersTo(channelId).isEmpty()
                && channels().stream().filter(ch -> ch.forwards().stream()
                        .anyMatch(f -> f.to().equals(channelId))).count() == 1
                && channels().stream().flatMap(ch -> consumersOf(ch.id()).stream())
                        .noneMatch(g -> g.emits().stream().anyMatch(e -> e.to().equals(channelId)));
    }

    /**
     * The producers whose events can reach channel {@code channelId}, in file order: those sending to
     * it, and upstream of it those sending to a channel that passes its events on to it or to a group
     * that emits to it (events keep their fields on these paths, an amount among them).
     */
    default List<ProducerSpec> feeders(String channelId) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(channelId));
        java.util.Set<ProducerSpec> out = new java.util.LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            out.addAll(producersTo(c));
            for (ChannelSpec ch : channels()) {
                if (ch.forwards().stream().anyMatch(f -> f.passesEvents() && f.to().equals(c))) {
                    todo.push(ch.id());
                }
                for (ConsumerSpec g : consumersOf(ch.id())) {
                    if (g.emits().stream().anyMatch(e -> e.to().equals(c))) {
                        todo.push(ch.id());
                    }
                }
            }
        }
        return List.copyOf(out);
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

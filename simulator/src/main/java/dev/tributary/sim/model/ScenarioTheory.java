package dev.tributary.sim.model;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a scenario onto queueing theory: each channel's kind contributes its node to a
 * {@link Network}, which solves the traffic equations and names the model that applies to each
 * channel and consumer group with its predicted figures.
 */
public final class ScenarioTheory {

    private ScenarioTheory() {
    }

    /** Predictions for every element of {@code scenario}, in file order (channels, consumers, producers). */
    public static Map<String, ElementPrediction> predict(Scenario scenario) {
        List<Network.ChannelNode> nodes = new ArrayList<>();
        for (ChannelSpec c : scenario.channels()) {
            nodes.add(c.theory(scenario));
        }
        List<Network.Group> groups = new ArrayList<>();
        for (ConsumerSpec c : scenario.consumers()) {
            groups.add(new Network.Group(c.id(), c.from(), c.instances(), c.service(),
                    c.emits().stream().map(e -> new Network.Emit(e.to(), e.type(), e.probability())).toList(),
                    c.startsLate()));
        }
        List<Network.Source> sources = new ArrayList<>();
        for (ProducerSpec p : scenario.producers()) {
            double rate = p.arrivals().meanRate(scenario.duration());
            Flow f = new Flow();
            f.parts.add(new Flow.Part(rate, p.types(), p.keys(),
                    List.of(new int[] {0, Math.max(0, p.keys().count() - 1)}), p.arrivals().scv(), 0));
            sources.add(new Network.Source(p.id(), p.to(), f, rate));
        }
        return new Network(nodes, groups, sources).solve();
    }

    /** The predicted blocks for a report, by element id. */
    public static Map<String, Map<String, Object>> reportBlocks(Scenario scenario) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        predict(scenario).forEach((id, p) -> out.put(id, p.toMap()));
        return out;
    }
}

package dev.tributary.sim.scenario;

import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Interarrival;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.ArrivalSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A scenario as a theory {@link Network}: each channel's kind contributes its node, each consumer
 * group and producer its part. Used to predict (model) and to check feedback loops on load (binder).
 */
public final class ScenarioNetwork {

    private ScenarioNetwork() {
    }

    /**
     * The network of {@code scenario} whose producers send at {@code rate} (a schedule's rate in one
     * of its steps, or the mean) and which measures {@code horizon}.
     */
    public static Network of(Scenario scenario, ToDoubleFunction<ProducerSpec> rate, Network.Horizon horizon) {
        List<Network.ChannelNode> nodes = new ArrayList<>();
        for (ChannelSpec c : scenario.channels()) {
            nodes.add(c.theory(scenario));
        }
        List<Network.Group> groups = new ArrayList<>();
        for (ConsumerSpec c : scenario.consumers()) {
            List<Network.Emit> emits = new ArrayList<>();
            c.emits().forEach(e -> emits.add(new Network.Emit(e.to(), e.type(), e.probability())));
            // what the channel's kind makes its readers publish too (a command's replies), after the group's own emits
            scenario.channel(c.from()).ifPresent(ch ->
                    ch.readerPublishes(c).forEach(r -> emits.add(new Network.Emit(r.to(), null, r.probability(),
                            r.within()))));
            groups.add(new Network.Group(c.id(), c.from(), c.instances(), c.service(), emits, c.startsLate()));
        }
        List<Network.Source> sources = new ArrayList<>();
        for (ProducerSpec p : scenario.producers()) {
            double r = rate.applyAsDouble(p);
            Interarrival law = p.arrivals() instanceof ArrivalSpec.Schedule ? Interarrival.poissonAt(r)
                    : lawAt(p.arrivals(), r, scenario.duration());
            Flow f = new Flow();
            f.parts.add(new Flow.Part(r, p.types(), p.keys(),
                    List.of(new int[] {0, Math.max(0, p.keys().count() - 1)}), law == null ? p.arrivals().scv() : law.scv(),
                    law, p.id(), 0));
            sources.add(new Network.Source(p.id(), p.to(), f, r));
        }
        return new Network(nodes, groups, sources, horizon);
    }

    /** The gap law of {@code a} when a rate change makes its mean rate {@code r}: same shape, another rate. */
    private static Interarrival lawAt(ArrivalSpec a, double r, double duration) {
        double mean = a.meanRate(duration);
        if (r == mean) {
            return Interarrival.of(a);
        }
        if (!(r > 0) || a instanceof ArrivalSpec.Poisson) {
            return Interarrival.poissonAt(r);
        }
        if (a instanceof ArrivalSpec.Constant) {
            return Interarrival.of(new ArrivalSpec.Constant(r));
        }
        if (a instanceof ArrivalSpec.OnOff o) {
            return Interarrival.of(new ArrivalSpec.OnOff(o.rate() * r / mean, o.meanOn(), o.meanOff()));
        }
        return Interarrival.of(a);
    }

    /** The network at each producer's long-run mean rate, steady state only. */
    public static Network of(Scenario scenario) {
        return of(scenario, p -> p.arrivals().meanRate(scenario.duration()), Network.Horizon.NONE);
    }
}

package dev.tributary.sim.element.eventstore;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event store in the theory network: the writers are an M/G/c station whose write time is append
 * + replay × J, J uniform on 0 … N − 1 (see {@link EventStoreSpec#writeTime}); every projection is
 * a station of its own fed every committed event, and its sojourn time is the read model's staleness
 * (write commit → visible).
 */
final class EventStoreTheory implements Network.ChannelNode {

    private final EventStoreSpec s;

    EventStoreTheory(EventStoreSpec s) {
        this.s = s;
    }

    @Override
    public String id() {
        return s.id();
    }

    @Override
    public boolean copies() {
        return true;
    }

    private Prediction writers(Network net) {
        Flow in = net.inflowOf(s.id());
        Distribution write = s.writeTime();
        Prediction p = new Station(in.rate(), in.renewal(), in.ca2(), s.writers(), write, Integer.MAX_VALUE,
                Station.Full.REJECT).predict();
        if (s.replay() > 0 && s.snapshotEvery() > 1) {
            p = p.approximate("approximation: the replay count J since the last snapshot is taken as uniform on 0 … N − 1"
                    + " (each aggregate cycles through them); aggregates with few events have replayed less, so the"
                    + " write time errs high", Prediction.Errs.HIGH);
        }
        return p;
    }

    @Override
    public Network.GroupLoad load(Network.Group g, Network net) {
        return Network.GroupLoad.ownStation(g, committed(net));
    }

    /**
     * What the writers commit (all of it when they keep up), a write's time later: the flow each
     * projection gets. It keeps the producers' law only when the writers are M/M/c (Burke: Poisson in,
     * Poisson out); otherwise the law is dropped and the projection's prediction says so.
     */
    private Flow committed(Network net) {
        Prediction w = writers(net);
        Flow in = net.inflowOf(s.id());
        double share = w.stable() ? 1 : Math.min(1, w.throughput() / Math.max(1e-300, in.rate()));
        boolean burke = s.writeTime().kendall().equals("M");
        double wait = w.stable() ? w.W() : 0;
        Flow out = new Flow();
        for (Flow.Part p : in.parts) {
            out.parts.add(new Flow.Part(p.rate() * share, p.types(), p.keys(), p.keyRanges(), p.ca2(),
                    burke ? p.law() : null, p.producer(), p.age() + wait, p.forks()));
        }
        return out;
    }

    @Override
    public ElementPrediction channel(Network net) {
        Prediction p = writers(net);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("replayedPerEvent", (s.snapshotEvery() - 1) / 2.0);
        extra.put("snapshotRate", net.inflowOf(s.id()).rate() / s.snapshotEvery());
        for (Network.Group g : net.groupsOf(s.id())) {
            Prediction v = load(g, net).prediction();
            if (v.stable()) {
                extra.put("staleness." + g.id(), Map.of("mean", v.W()));
            }
        }
        return new ElementPrediction(s.id(), EventStoreKind.WORD, p, extra);
    }

    @Override
    public ElementPrediction group(Network.Group g, Network net) {
        Prediction p = load(g, net).prediction();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", "a projection of " + s.id() + ": its sojourn time is the staleness of its read model");
        if (p.stable()) {
            extra.put("staleness", Map.of("mean", p.W()));
        }
        return new ElementPrediction(g.id(), "consumer-group", p, extra);
    }
}

package dev.tributary.sim.element.queue;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.FailureLoad;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A queue in the theory network: one station (M/M/c, M/G/c, M/M/c/K, …) shared by every group reading it. */
final class QueueTheory implements Network.ChannelNode {

    private final QueueSpec q;
    private final Topology topology;

    QueueTheory(QueueSpec q, Topology topology) {
        this.q = q;
        this.topology = topology;
    }

    @Override
    public String id() {
        return q.id();
    }

    @Override
    public Network.GroupLoad load(Network.Group c, Network net) {
        Flow in = net.inflowOf(q.id());
        Prediction station = station(in);
        List<ConsumerSpec> sharing = topology.consumersOf(q.id());
        double capacityShare = c.instances() / c.service().mean()
                / sharing.stream().mapToDouble(x -> x.instances() / x.service().mean()).sum();
        Flow mine = in.scaled(capacityShare);
        FailureLoad failures = FailureLoad.of(c.id(), sharing, mine, topology);
        return new Network.GroupLoad(mine, mine.rate(), station.throughput() * capacityShare * failures.successPerPass(),
                Network.departureCa2(station, c.service()), station);
    }

    private FailureLoad failures(Network.Group c, Network net) {
        return FailureLoad.of(c.id(), topology.consumersOf(q.id()), load(c, net).flow(), topology);
    }

    @Override
    public Map<String, Flow> sideFlows(Network.Group c, Network net) {
        Network.GroupLoad load = load(c, net);
        return FailureLoad.of(c.id(), topology.consumersOf(q.id()), load.flow(), topology).deadLetters(load.flow(), load.prediction());
    }

    @Override
    public double successW(Network.Group c, Network net, Prediction p) {
        return failures(c, net).successW(p, load(c, net).lambda());
    }

    @Override
    public Map<String, ElementPrediction> groupParts(Network.Group c, Network net) {
        return failures(c, net).stages(load(c, net).lambda());
    }

    @Override
    public Prediction sharedStation(Network net) {
        return station(net.inflowOf(q.id()));
    }

    private Prediction station(Flow in) {
        List<ConsumerSpec> groups = topology.consumersOf(q.id());
        if (groups.isEmpty()) {
            return null;
        }
        int servers = groups.stream().mapToInt(ConsumerSpec::instances).sum();
        // failures change each group's service per pass and, with requeue, the passes per event
        List<FailureLoad> failures = groups.stream().map(g -> FailureLoad.of(g, in, topology)).toList();
        List<Distribution> services = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            services.add(failures.get(i).service(groups.get(i).service()));
        }
        Distribution service = services.get(0);
        List<String> caveats = new ArrayList<>();
        if (services.stream().anyMatch(s -> !s.equals(services.get(0)))) {
            double mean = java.util.stream.IntStream.range(0, groups.size())
                    .mapToDouble(i -> groups.get(i).instances() * services.get(i).mean()).sum() / servers;
            service = new Exponential(mean);
            caveats.add("workers of different groups have different service times: modelled as one pool with their mean");
        }
        double rate = in.rate();
        if (failures.stream().anyMatch(f -> f.rateFactor() != 1)) {
            double capacity = groups.stream().mapToDouble(g -> g.instances() / g.service().mean()).sum();
            double factor = 0;
            for (int i = 0; i < groups.size(); i++) {
                factor += groups.get(i).instances() / groups.get(i).service().mean() / capacity * failures.get(i).rateFactor();
            }
            rate = in.rate() * factor;
        }
        String failureReason = "";
        for (FailureLoad f : failures) {
            f.caveats().stream().filter(x -> !caveats.contains(x)).forEach(caveats::add);
        }
        if (failures.get(0).any()) {
            failureReason = failures.get(0).reason(in.rate());
            if (groups.size() > 1) {
                caveats.add("failures of several groups on one queue: each group's retries are weighted by its share of the capacity");
            }
        }
        Prediction p = new Station(rate, in.ca2(), servers, service,
                q.bounded() ? q.capacity() : Integer.MAX_VALUE).predict();
        if (!failureReason.isEmpty()) {
            p = p.relabel(p.model(), p.reason() + failureReason, List.of());
        }
        if (q.bounded() && q.overflow() == QueueSpec.Overflow.BLOCK) {
            caveats.add("overflow: block makes the producer wait instead of losing the event; M/M/c/K's loss"
                    + " probability only approximates how often it waits, and throughput is higher");
        } else if (q.bounded() && q.overflow() == QueueSpec.Overflow.DROP_OLDEST) {
            caveats.add("overflow: drop-oldest loses a waiting event instead of the newcomer: the same number is lost"
                    + " (M/M/c/K), but waits are shorter than M/M/c/K predicts");
        }
        return caveats.isEmpty() ? p : p.relabel(p.model(), p.reason(), caveats);
    }

    @Override
    public ElementPrediction channel(Network net) {
        Flow in = net.inflowOf(q.id());
        Map<String, Object> extra = new LinkedHashMap<>();
        Prediction p = station(in);
        if (p == null) {
            extra.put("model", "no consumers");
            extra.put("reason", "nothing reads this queue: it grows by λ = " + Network.fmt(in.rate()) + " events per second");
            extra.put("stable", false);
            extra.put("growthRate", in.rate());
            extra.put("throughput", 0.0);
            return new ElementPrediction(q.id(), "queue", null, extra);
        }
        return new ElementPrediction(q.id(), "queue", p, extra);
    }

    @Override
    public ElementPrediction group(Network.Group c, Network net) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (topology.consumersOf(q.id()).size() > 1) {
            Network.GroupLoad load = load(c, net);
            extra.put("model", "shares " + q.id());
            extra.put("reason", "competes with the other groups on queue " + q.id()
                    + "; see the queue's prediction for the shared line");
            extra.put("throughput", load.throughput());
            failureFigures(c, net, load, extra);
            return new ElementPrediction(c.id(), "consumer-group", null, extra);
        }
        Network.GroupLoad load = load(c, net);
        Prediction p = load.prediction();
        if (p != null && p.stable()) {
            extra.put("lag", p.L());
        }
        failureFigures(c, net, load, extra);
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }

    private void failureFigures(Network.Group c, Network net, Network.GroupLoad load, Map<String, Object> extra) {
        FailureLoad f = failures(c, net);
        if (f.any()) {
            double lambda = load.lambda();
            f.figures(extra, lambda, load.prediction(), pf -> f.rho(pf, lambda, c.instances(), lambda, c.service()));
        }
    }
}

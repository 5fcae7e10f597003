package dev.tributary.sim.element.stream;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.FailureLoad;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import dev.tributary.sim.value.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stream in the theory network: each group is as many separate queues as it has active members,
 * each fed by its partitions' share of the keys.
 */
final class StreamTheory implements Network.ChannelNode {

    private final StreamSpec s;
    private final Topology topology;

    StreamTheory(StreamSpec s, Topology topology) {
        this.s = s;
        this.topology = topology;
    }

    @Override
    public String id() {
        return s.id();
    }

    private StreamOptions options(Network.Group c) {
        return topology.consumersOf(s.id()).stream().filter(x -> x.id().equals(c.id())).findFirst()
                .map(StreamOptions::of).orElse(StreamOptions.DEFAULT);
    }

    @Override
    public Network.GroupLoad load(Network.Group c, Network net) {
        Flow in = net.inflowOf(s.id());
        Prediction p = streamLoad(c, in, net);
        return new Network.GroupLoad(in, in.rate(), p.throughput() * failures(c, in).successPerPass(),
                Network.departureCa2(p, c.service()), p);
    }

    private FailureLoad failures(Network.Group c, Flow in) {
        return FailureLoad.of(c.id(), topology.consumersOf(s.id()), in, topology);
    }

    @Override
    public Map<String, Flow> sideFlows(Network.Group c, Network net) {
        Flow in = net.inflowOf(s.id());
        return failures(c, in).deadLetters(in, streamLoad(c, in, net));
    }

    @Override
    public double successW(Network.Group c, Network net, Prediction p) {
        Flow in = net.inflowOf(s.id());
        return failures(c, in).successW(p, in.rate());
    }

    @Override
    public Map<String, ElementPrediction> groupParts(Network.Group c, Network net) {
        Flow in = net.inflowOf(s.id());
        return failures(c, in).stages(in.rate());
    }

    private double[] memberRates(Network.Group c, Flow in, Network net) {
        double[] partRate = partitionRates(in, net);
        int n = c.instances();
        int[][] assignment = options(c).assignment().assign(s.partitions(), n);
        double[] memberRate = new double[n];
        for (int m = 0; m < n; m++) {
            for (int p : assignment[m]) {
                memberRate[m] += partRate[p];
            }
        }
        return memberRate;
    }

    private Prediction streamLoad(Network.Group c, Flow in, Network net) {
        int n = c.instances();
        int[][] assignment = options(c).assignment().assign(s.partitions(), n);
        double[] memberRate = memberRates(c, in, net);
        // failures change the time a member spends on each record (blocking retries, failed attempts)
        FailureLoad failures = failures(c, in);
        Distribution service = failures.service(c.service());
        double lambda = in.rate();
        double ca2 = in.ca2();
        double l = 0;
        double lq = 0;
        double w = 0;
        double wq = 0;
        double busy = 0;
        double thr = 0;
        double growth = 0;
        boolean stable = true;
        boolean exact = true;
        int active = 0;
        double maxRho = 0;
        Prediction sample = null;
        List<String> caveats = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            if (assignment[m].length == 0) {
                continue;
            }
            active++;
            Prediction pm = new Station(memberRate[m], ca2, 1, service, Integer.MAX_VALUE).predict();
            sample = pm;
            exact &= pm.exact();
            maxRho = Math.max(maxRho, memberRate[m] * service.mean());
            if (!pm.stable()) {
                stable = false;
                growth += pm.growthRate();
                thr += 1 / service.mean();
                busy += 1;
                continue;
            }
            l += pm.L();
            lq += pm.Lq();
            busy += pm.utilization();
            thr += memberRate[m];
            if (lambda > 0) {
                w += memberRate[m] / lambda * pm.W();
                wq += memberRate[m] / lambda * pm.Wq();
            }
            for (String cv : pm.caveats()) {
                if (!caveats.contains(cv)) {
                    caveats.add(cv);
                }
            }
        }
        double meanRho = active == 0 ? 0 : lambda * service.mean() / active;
        if (in.parts.stream().anyMatch(p -> p.keys() instanceof KeySpec.ZipfKeys)
                && s.partitioner() == StreamSpec.Partitioner.KEY_HASH) {
            caveats.add(String.format(Locale.ROOT, "keys are Zipf-skewed: the busiest member runs at ρ = %.2f against %.2f on average",
                    maxRho, meanRho));
        }
        if (s.partitioner() != StreamSpec.Partitioner.KEY_HASH && s.partitions() > 1) {
            caveats.add(s.partitioner().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " partitioning makes each partition's arrivals less random than Poisson: an approximation");
            exact = false;
        }
        if (c.startsLate()) {
            caveats.add("the group starts late or at another offset: the start is a transient, the prediction is the steady state");
            exact = false;
        }
        String kendall = sample == null ? "M/M/1" : sample.model();
        String name = active + " × " + kendall;
        String reason = String.format(Locale.ROOT,
                "a stream with %d partition%s and %d consumer%s is %d separate queue%s (one per active member), each fed by "
                        + "its partitions' share of the keys%s; busiest member ρ = %.3f",
                s.partitions(), s.partitions() == 1 ? "" : "s", n, n == 1 ? "" : "s", active, active == 1 ? "" : "s",
                n > s.partitions() ? "; " + (n - s.partitions()) + " member" + (n - s.partitions() == 1 ? " stays" : "s stay")
                        + " idle" : "", maxRho);
        Prediction p = new Prediction(name, reason, exact && caveats.stream().noneMatch(x -> x.contains("approximation")),
                caveats, lambda, 1 / service.mean(), n, busy / n, stable ? l : Double.POSITIVE_INFINITY,
                stable ? lq : Double.POSITIVE_INFINITY, stable ? w : Double.POSITIVE_INFINITY,
                stable ? wq : Double.POSITIVE_INFINITY, Double.NaN, 0, thr, stable, growth);
        if (failures.any()) {
            p = p.relabel(name, reason + failures.reason(lambda), failures.caveats());
        }
        if (stable && lambda > 0 && service.kendall().equals("M")) {
            // the group's time in system is a mixture of the members' exponential M/M/1 sojourns
            double mu = 1 / service.mean();
            double[] rates = memberRate.clone();
            net.exactLatency(c.id(), t -> {
                double tail = 0;
                for (double lm : rates) {
                    if (lm > 0) {
                        tail += lm / lambda * Math.exp(-(mu - lm) * t);
                    }
                }
                return tail;
            });
        }
        return p;
    }

    /** Arrival rate into each partition: key-hash shares of the keys, or an even split. */
    private double[] partitionRates(Flow in, Network net) {
        int parts = s.partitions();
        double[] rate = new double[parts];
        for (Flow.Part p : in.parts) {
            if (s.partitioner() != StreamSpec.Partitioner.KEY_HASH || p.keys().count() == 0) {
                for (int i = 0; i < parts; i++) {
                    rate[i] += p.rate() / parts;
                }
                continue;
            }
            int[] map = net.keyMass().partitions(p.keys().count(), parts);
            double[] mass = new double[parts];
            double total = 0;
            for (int[] r : p.keyRanges()) {
                for (int k = r[0]; k <= r[1]; k++) {
                    double pk = net.keyMass().probability(p.keys(), k);
                    mass[map[k]] += pk;
                    total += pk;
                }
            }
            for (int i = 0; i < parts; i++) {
                rate[i] += total == 0 ? 0 : p.rate() * mass[i] / total;
            }
        }
        return rate;
    }

    @Override
    public ElementPrediction channel(Network net) {
        Flow in = net.inflowOf(s.id());
        Map<String, Object> extra = new LinkedHashMap<>();
        double[] rates = partitionRates(in, net);
        extra.put("model", "partitioned log");
        extra.put("reason", partitionerReason());
        extra.put("throughput", in.rate());
        Map<String, Object> parts = new LinkedHashMap<>();
        for (int p = 0; p < rates.length; p++) {
            parts.put(Integer.toString(p), Map.of("share", in.rate() == 0 ? 0 : rates[p] / in.rate()));
        }
        extra.put("partitions", parts);
        return new ElementPrediction(s.id(), "stream", null, extra);
    }

    private String partitionerReason() {
        return switch (s.partitioner()) {
            case KEY_HASH -> "key-hash: each key always lands on the same partition (murmur2, as Kafka), so each partition's "
                    + "rate is the share of the key traffic its keys carry";
            case ROUND_ROBIN -> "round-robin: partitions take turns, each gets 1/" + s.partitions() + " of the rate";
            case STICKY -> "sticky: batches of " + s.stickyBatch() + " go to one partition, on average 1/" + s.partitions()
                    + " of the rate each";
        };
    }

    @Override
    public ElementPrediction group(Network.Group c, Network net) {
        Map<String, Object> extra = new LinkedHashMap<>();
        Flow in = net.inflowOf(s.id());
        Prediction p = streamLoad(c, in, net);
        if (p.stable()) {
            extra.put("lag", p.L());
        } else {
            extra.put("lagGrowthRate", p.growthRate());
        }
        FailureLoad f = failures(c, in);
        if (f.any()) {
            double busiest = 0;
            for (double r : memberRates(c, in, net)) {
                busiest = Math.max(busiest, r);
            }
            double top = busiest;
            f.figures(extra, in.rate(), p, pf -> f.rho(pf, top, 1, in.rate(), c.service()));
        }
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }

}

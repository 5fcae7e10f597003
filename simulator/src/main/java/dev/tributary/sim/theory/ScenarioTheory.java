package dev.tributary.sim.theory;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.scenario.ChannelSpec;
import dev.tributary.sim.scenario.ChannelSpec.RouteSpec;
import dev.tributary.sim.scenario.ConsumerSpec;
import dev.tributary.sim.scenario.KeySpec;
import dev.tributary.sim.scenario.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Maps a scenario onto queueing theory: works out the arrival rate into every channel (through
 * routers, fan-out, partitioners and consumers' emits — the traffic equations of a Jackson network,
 * solved by fixed-point iteration so feedback loops work too), then names the model that applies to
 * each channel and consumer group and predicts its figures.
 */
public final class ScenarioTheory {

    /** Most passes of the traffic-equation iteration (a feed-forward scenario needs as many as its depth). */
    static final int MAX_PASSES = 200;

    /** The prediction for one element: a station model where one applies, plus element-specific figures. */
    public record ElementPrediction(String id, String kind, Prediction prediction, Map<String, Object> extra) {

        /** The report's {@code predicted} block. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (prediction != null) {
                m.putAll(prediction.toMap());
            }
            m.putAll(extra);
            return m;
        }
    }

    private final Scenario scenario;
    private final Map<String, Flow> inflow = new HashMap<>();
    private final Map<String, double[]> routeShares = new HashMap<>();
    private final KeyMass keyMass = new KeyMass();

    private ScenarioTheory(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Predictions for every element of {@code scenario}, in file order (channels, consumers, producers). */
    public static Map<String, ElementPrediction> predict(Scenario scenario) {
        return new ScenarioTheory(scenario).run();
    }

    /** The predicted blocks for a report, by element id. */
    public static Map<String, Map<String, Object>> reportBlocks(Scenario scenario) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        predict(scenario).forEach((id, p) -> out.put(id, p.toMap()));
        return out;
    }

    private Map<String, ElementPrediction> run() {
        Map<String, Flow> emitted = new HashMap<>();
        double last = -1;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            inflow.clear();
            routeShares.clear();
            for (ProducerSpec p : scenario.producers()) {
                Flow f = new Flow();
                f.parts.add(new Flow.Part(p.arrivals().meanRate(scenario.duration()), p.types(), p.keys(),
                        List.of(new int[] {0, Math.max(0, p.keys().count() - 1)}), p.arrivals().scv(), 0));
                deliver(p.to(), f, 0);
            }
            emitted.forEach((to, f) -> deliver(to, f, 0));
            Map<String, Flow> next = new HashMap<>();
            for (ConsumerSpec c : scenario.consumers()) {
                if (c.emits().isEmpty()) {
                    continue;
                }
                GroupLoad load = load(c);
                double factor = load.lambda == 0 ? 0 : load.throughput / load.lambda;
                for (ConsumerSpec.EmitSpec e : c.emits()) {
                    Flow out = new Flow();
                    for (Flow.Part part : load.flow.parts) {
                        Map<String, Double> types = e.type() == null ? part.types() : Map.of(e.type(), 1.0);
                        // an emitted event is as old as the handled one plus the time it spent here
                        double age = load.prediction == null || !load.prediction.stable() ? Double.POSITIVE_INFINITY
                                : part.age() + load.prediction.W();
                        out.parts.add(new Flow.Part(part.rate() * factor * e.probability(), types, part.keys(),
                                part.keyRanges(), load.departureCa2, age));
                    }
                    next.computeIfAbsent(e.to(), k -> new Flow()).addAll(out);
                }
            }
            emitted = next;
            double total = inflow.values().stream().mapToDouble(Flow::rate).sum();
            if (Math.abs(total - last) <= 1e-12 * Math.max(1, total)) {
                break;
            }
            last = total;
        }
        Map<String, ElementPrediction> out = new LinkedHashMap<>();
        for (ChannelSpec c : scenario.channels()) {
            out.put(c.id(), channel(c));
        }
        for (ConsumerSpec c : scenario.consumers()) {
            out.put(c.id(), group(c));
        }
        for (ProducerSpec p : scenario.producers()) {
            out.put(p.id(), new ElementPrediction(p.id(), "producer", null,
                    Map.of("throughput", p.arrivals().meanRate(scenario.duration()))));
        }
        return out;
    }

    private void deliver(String channelId, Flow f, int depth) {
        ChannelSpec c = scenario.channel(channelId).orElseThrow();
        if (!(c instanceof ChannelSpec.RouterSpec r)) {
            inflow.computeIfAbsent(channelId, k -> new Flow()).addAll(f);
            return;
        }
        double[] shares = routeShares.computeIfAbsent(channelId, k -> new double[r.routes().size() + 2]);
        double in = f.rate();
        shares[shares.length - 1] += in;
        Flow remaining = f;
        for (int i = 0; i < r.routes().size(); i++) {
            RouteSpec rule = r.routes().get(i);
            Flow matched = new Flow();
            Flow rest = new Flow();
            for (Flow.Part p : remaining.parts) {
                split(rule, p, matched, rest);
            }
            shares[i] += matched.rate();
            if (matched.rate() > 0) {
                deliver(rule.to(), matched, depth + 1);
            }
            remaining = rest;
        }
        shares[r.routes().size()] += remaining.rate();
        if (r.defaultTo() != null && remaining.rate() > 0) {
            deliver(r.defaultTo(), remaining, depth + 1);
        }
    }

    /** Splits one part by a routing rule. Random (Bernoulli) splitting: ca² → p·ca² + 1 − p (Whitt 1983). */
    private void split(RouteSpec rule, Flow.Part p, Flow matched, Flow rest) {
        if (rule.eventType() != null) {
            double total = p.types().values().stream().mapToDouble(Double::doubleValue).sum();
            double w = p.types().getOrDefault(rule.eventType(), 0.0) / total;
            if (w > 0) {
                matched.parts.add(new Flow.Part(p.rate() * w, Map.of(rule.eventType(), 1.0), p.keys(), p.keyRanges(),
                        w * p.ca2() + 1 - w, p.age()));
            }
            if (w < 1) {
                Map<String, Double> others = new LinkedHashMap<>(p.types());
                others.remove(rule.eventType());
                rest.parts.add(new Flow.Part(p.rate() * (1 - w), others, p.keys(), p.keyRanges(),
                        (1 - w) * p.ca2() + w, p.age()));
            }
        } else if (rule.keyFrom() >= 0) {
            if (p.keys().count() == 0) {
                rest.parts.add(p);
                return;
            }
            double mass = p.keyMass(keyMass);
            List<int[]> in = new ArrayList<>();
            List<int[]> out = new ArrayList<>();
            for (int[] r : p.keyRanges()) {
                int a = Math.max(r[0], rule.keyFrom());
                int b = Math.min(r[1], rule.keyTo());
                if (a <= b) {
                    in.add(new int[] {a, b});
                    if (r[0] < a) {
                        out.add(new int[] {r[0], a - 1});
                    }
                    if (b < r[1]) {
                        out.add(new int[] {b + 1, r[1]});
                    }
                } else {
                    out.add(r);
                }
            }
            double inMass = 0;
            for (int[] r : in) {
                inMass += keyMass.between(p.keys(), r[0], r[1]);
            }
            double w = mass == 0 ? 0 : inMass / mass;
            if (w > 0) {
                matched.parts.add(new Flow.Part(p.rate() * w, p.types(), p.keys(), in, w * p.ca2() + 1 - w, p.age()));
            }
            if (w < 1) {
                rest.parts.add(new Flow.Part(p.rate() * (1 - w), p.types(), p.keys(), out, (1 - w) * p.ca2() + w, p.age()));
            }
        } else {
            double w = rule.probability();
            if (w > 0) {
                matched.parts.add(new Flow.Part(p.rate() * w, p.types(), p.keys(), p.keyRanges(), w * p.ca2() + 1 - w, p.age()));
            }
            if (w < 1) {
                rest.parts.add(new Flow.Part(p.rate() * (1 - w), p.types(), p.keys(), p.keyRanges(),
                        (1 - w) * p.ca2() + w, p.age()));
            }
        }
    }

    // ------------------------------------------------------------------ loads

    /** What one group is offered and how much it gets through. */
    private record GroupLoad(Flow flow, double lambda, double throughput, double departureCa2, Prediction prediction) {
    }

    private Flow inflowOf(String channel) {
        return inflow.getOrDefault(channel, new Flow());
    }

    private GroupLoad load(ConsumerSpec c) {
        ChannelSpec source = scenario.channel(c.from()).orElseThrow();
        Flow in = inflowOf(c.from());
        if (source instanceof ChannelSpec.StreamSpec s) {
            StreamLoad sl = streamLoad(s, c, in);
            return new GroupLoad(in, in.rate(), sl.prediction.throughput(), departureCa2(sl.prediction, c.service()),
                    sl.prediction);
        }
        if (source instanceof ChannelSpec.QueueSpec q) {
            Prediction station = queueStation(q, in);
            List<ConsumerSpec> sharing = scenario.consumersOf(q.id());
            double capacityShare = c.instances() / c.service().mean()
                    / sharing.stream().mapToDouble(x -> x.instances() / x.service().mean()).sum();
            Flow mine = in.scaled(capacityShare);
            return new GroupLoad(mine, mine.rate(), station.throughput() * capacityShare,
                    departureCa2(station, c.service()), station);
        }
        Prediction p = new Station(in.rate(), in.ca2(), c.instances(), c.service(), Integer.MAX_VALUE).predict();
        return new GroupLoad(in, in.rate(), p.throughput(), departureCa2(p, c.service()), p);
    }

    /**
     * Departure SCV of a G/G/c station, QNA's linking equation: cd² = 1 + (1 − ρ²)(ca² − 1)
     * + ρ²(cs² − 1)/√c (Whitt 1983), taken with ca² = 1: the station's own input variability is
     * reported in its caveats, not carried downstream. An M/M/c station gives 1: its departures are
     * Poisson (Burke 1956).
     */
    private static double departureCa2(Prediction p, Distribution service) {
        double rho = Math.min(1, p.utilization());
        return 1 + rho * rho * (service.scv() - 1) / Math.sqrt(p.servers());
    }


    private Prediction queueStation(ChannelSpec.QueueSpec q, Flow in) {
        List<ConsumerSpec> groups = scenario.consumersOf(q.id());
        if (groups.isEmpty()) {
            return null;
        }
        int servers = groups.stream().mapToInt(ConsumerSpec::instances).sum();
        Distribution service = groups.get(0).service();
        List<String> caveats = new ArrayList<>();
        if (groups.stream().anyMatch(g -> !g.service().equals(groups.get(0).service()))) {
            double mean = groups.stream().mapToDouble(g -> g.instances() * g.service().mean()).sum() / servers;
            service = new Exponential(mean);
            caveats.add("workers of different groups have different service times: modelled as one pool with their mean");
        }
        Prediction p = new Station(in.rate(), in.ca2(), servers, service,
                q.bounded() ? q.capacity() : Integer.MAX_VALUE).predict();
        if (q.bounded() && q.overflow() == ChannelSpec.Overflow.BLOCK) {
            caveats.add("overflow: block makes the producer wait instead of losing the event; M/M/c/K's loss"
                    + " probability only approximates how often it waits, and throughput is higher");
        } else if (q.bounded() && q.overflow() == ChannelSpec.Overflow.DROP_OLDEST) {
            caveats.add("overflow: drop-oldest loses a waiting event instead of the newcomer: the same number is lost"
                    + " (M/M/c/K), but waits are shorter than M/M/c/K predicts");
        }
        return caveats.isEmpty() ? p : p.relabel(p.model(), p.reason(), caveats);
    }

    private record StreamLoad(Prediction prediction, double[] partitionRates, double[] memberRates) {
    }

    private StreamLoad streamLoad(ChannelSpec.StreamSpec s, ConsumerSpec c, Flow in) {
        double[] partRate = partitionRates(s, in);
        int n = c.instances();
        int[][] assignment = c.assignment().assign(s.partitions(), n);
        double[] memberRate = new double[n];
        for (int m = 0; m < n; m++) {
            for (int p : assignment[m]) {
                memberRate[m] += partRate[p];
            }
        }
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
            Prediction pm = new Station(memberRate[m], ca2, 1, c.service(), Integer.MAX_VALUE).predict();
            sample = pm;
            exact &= pm.exact();
            maxRho = Math.max(maxRho, memberRate[m] * c.service().mean());
            if (!pm.stable()) {
                stable = false;
                growth += pm.growthRate();
                thr += 1 / c.service().mean();
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
        double meanRho = active == 0 ? 0 : lambda * c.service().mean() / active;
        if (in.parts.stream().anyMatch(p -> p.keys() instanceof KeySpec.ZipfKeys) && s.partitioner() == ChannelSpec.Partitioner.KEY_HASH) {
            caveats.add(String.format(Locale.ROOT, "keys are Zipf-skewed: the busiest member runs at ρ = %.2f against %.2f on average",
                    maxRho, meanRho));
        }
        if (s.partitioner() != ChannelSpec.Partitioner.KEY_HASH && s.partitions() > 1) {
            caveats.add(s.partitioner().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " partitioning makes each partition's arrivals less random than Poisson: an approximation");
            exact = false;
        }
        if (c.start() > 0 || !c.offset().equals(ConsumerSpec.DEFAULT_OFFSET)) {
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
                caveats, lambda, 1 / c.service().mean(), n, busy / n, stable ? l : Double.POSITIVE_INFINITY,
                stable ? lq : Double.POSITIVE_INFINITY, stable ? w : Double.POSITIVE_INFINITY,
                stable ? wq : Double.POSITIVE_INFINITY, Double.NaN, 0, thr, stable, growth);
        if (stable && lambda > 0 && c.service().kendall().equals("M")) {
            // the group's time in system is a mixture of the members' exponential M/M/1 sojourns
            double mu = 1 / c.service().mean();
            double[] rates = memberRate.clone();
            streamLatency.put(c.id(), latency(t -> {
                double tail = 0;
                for (double lm : rates) {
                    if (lm > 0) {
                        tail += lm / lambda * Math.exp(-(mu - lm) * t);
                    }
                }
                return tail;
            }));
        }
        return new StreamLoad(p, partRate, memberRate);
    }

    /** Arrival rate into each partition: key-hash shares of the keys, or an even split. */
    private double[] partitionRates(ChannelSpec.StreamSpec s, Flow in) {
        int parts = s.partitions();
        double[] rate = new double[parts];
        for (Flow.Part p : in.parts) {
            if (s.partitioner() != ChannelSpec.Partitioner.KEY_HASH || p.keys().count() == 0) {
                for (int i = 0; i < parts; i++) {
                    rate[i] += p.rate() / parts;
                }
                continue;
            }
            int[] map = keyMass.partitions(p.keys().count(), parts);
            double[] mass = new double[parts];
            double total = 0;
            for (int[] r : p.keyRanges()) {
                for (int k = r[0]; k <= r[1]; k++) {
                    double pk = keyMass.probability(p.keys(), k);
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

    // ------------------------------------------------------------------ elements

    private ElementPrediction withLatency(ElementPrediction e) {
        Map<String, Object> lat = latencyOf(e.prediction());
        if (lat == null && e.prediction() != null && e.prediction().model().endsWith("× M/M/1") && e.prediction().stable()
                && e.prediction().exact()) {
            lat = streamLatency.get(e.id());
        }
        if (lat == null) {
            return e;
        }
        Map<String, Object> extra = new LinkedHashMap<>(e.extra());
        extra.put("latency", lat);
        return new ElementPrediction(e.id(), e.kind(), e.prediction(), extra);
    }

    private final Map<String, Map<String, Object>> streamLatency = new HashMap<>();

    private ElementPrediction channel(ChannelSpec c) {
        return withLatency(channelWithoutLatency(c));
    }

    private ElementPrediction channelWithoutLatency(ChannelSpec c) {
        Flow in = inflowOf(c.id());
        Map<String, Object> extra = new LinkedHashMap<>();
        if (c instanceof ChannelSpec.QueueSpec q) {
            Prediction p = queueStation(q, in);
            if (p == null) {
                extra.put("model", "no consumers");
                extra.put("reason", "nothing reads this queue: it grows by λ = " + fmt(in.rate()) + " events per second");
                extra.put("stable", false);
                extra.put("growthRate", in.rate());
                extra.put("throughput", 0.0);
                return new ElementPrediction(c.id(), "queue", null, extra);
            }
            return new ElementPrediction(c.id(), "queue", p, extra);
        }
        if (c instanceof ChannelSpec.TopicSpec) {
            int groups = scenario.consumersOf(c.id()).size();
            extra.put("model", "fan-out");
            extra.put("reason", groups == 0 ? "no group subscribes: events are published and nobody receives them"
                    : "a topic gives each of its " + groups + " subscribed group" + (groups == 1 ? "" : "s")
                    + " the full rate, λ = " + fmt(in.rate()) + "/s, in its own queue");
            extra.put("throughput", in.rate());
            return new ElementPrediction(c.id(), "topic", null, extra);
        }
        if (c instanceof ChannelSpec.StreamSpec s) {
            double[] rates = partitionRates(s, in);
            extra.put("model", "partitioned log");
            extra.put("reason", partitionerReason(s));
            extra.put("throughput", in.rate());
            Map<String, Object> parts = new LinkedHashMap<>();
            for (int p = 0; p < rates.length; p++) {
                parts.put(Integer.toString(p), Map.of("share", in.rate() == 0 ? 0 : rates[p] / in.rate()));
            }
            extra.put("partitions", parts);
            return new ElementPrediction(c.id(), "stream", null, extra);
        }
        ChannelSpec.RouterSpec r = (ChannelSpec.RouterSpec) c;
        double[] shares = routeShares.getOrDefault(c.id(), new double[r.routes().size() + 2]);
        double total = shares[shares.length - 1];
        extra.put("model", "router");
        extra.put("reason", "splits its λ = " + fmt(total) + "/s by its rules, first match wins; each target sees its share");
        extra.put("throughput", total);
        Map<String, Object> routes = new LinkedHashMap<>();
        for (int i = 0; i < r.routes().size(); i++) {
            routes.put(Integer.toString(i), Map.of("share", total == 0 ? 0 : shares[i] / total));
        }
        extra.put("routes", routes);
        extra.put("default", Map.of("share", total == 0 ? 0 : shares[r.routes().size()] / total));
        return new ElementPrediction(c.id(), "router", null, extra);
    }

    private static String partitionerReason(ChannelSpec.StreamSpec s) {
        return switch (s.partitioner()) {
            case KEY_HASH -> "key-hash: each key always lands on the same partition (murmur2, as Kafka), so each partition's "
                    + "rate is the share of the key traffic its keys carry";
            case ROUND_ROBIN -> "round-robin: partitions take turns, each gets 1/" + s.partitions() + " of the rate";
            case STICKY -> "sticky: batches of " + s.stickyBatch() + " go to one partition, on average 1/" + s.partitions()
                    + " of the rate each";
        };
    }

    /** Predicted sojourn percentiles where the time's distribution is known exactly. */
    static final double[] PERCENTILES = {50, 95, 99};

    private static Map<String, Object> latency(DoubleUnaryOperator tail) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (double pc : PERCENTILES) {
            m.put("p" + (int) pc, Quantiles.of(tail, pc / 100));
        }
        return m;
    }

    /** Percentiles for an exact, stable M/M/c prediction (null otherwise). */
    private static Map<String, Object> latencyOf(Prediction p) {
        if (p == null || !p.stable() || !p.exact() || !p.model().startsWith("M/M/") || p.model().chars().filter(ch -> ch == '/').count() != 2) {
            return null;
        }
        return latency(t -> MMc.sojournTail(p.servers(), p.lambda(), p.mu(), t));
    }

    private ElementPrediction group(ConsumerSpec c) {
        ElementPrediction p = withLatency(groupWithoutAge(c));
        double age = inflowOf(c.from()).age();
        Prediction pr = p.prediction() != null ? p.prediction()
                : scenario.channel(c.from()).orElseThrow() instanceof ChannelSpec.QueueSpec q ? queueStation(q, inflowOf(q.id()))
                : null;
        if (pr != null && pr.stable() && Double.isFinite(age) && c.start() == 0) {
            // end to end = the time already spent upstream + the time here: a Jackson network's sum of stages
            Map<String, Object> extra = new LinkedHashMap<>(p.extra());
            extra.put("endToEnd", Map.of("mean", age + pr.W()));
            return new ElementPrediction(p.id(), p.kind(), p.prediction(), extra);
        }
        return p;
    }

    private ElementPrediction groupWithoutAge(ConsumerSpec c) {
        ChannelSpec source = scenario.channel(c.from()).orElseThrow();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (source instanceof ChannelSpec.StreamSpec s) {
            StreamLoad sl = streamLoad(s, c, inflowOf(s.id()));
            Prediction p = sl.prediction;
            if (p.stable()) {
                extra.put("lag", p.L());
            } else {
                extra.put("lagGrowthRate", p.growthRate());
            }
            return new ElementPrediction(c.id(), "consumer-group", p, extra);
        }
        if (source instanceof ChannelSpec.QueueSpec q && scenario.consumersOf(q.id()).size() > 1) {
            GroupLoad load = load(c);
            extra.put("model", "shares " + q.id());
            extra.put("reason", "competes with the other groups on queue " + q.id()
                    + "; see the queue's prediction for the shared line");
            extra.put("throughput", load.throughput);
            return new ElementPrediction(c.id(), "consumer-group", null, extra);
        }
        GroupLoad load = load(c);
        Prediction p = load.prediction;
        if (p != null && p.stable()) {
            extra.put("lag", p.L());
        }
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

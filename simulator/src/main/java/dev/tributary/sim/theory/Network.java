package dev.tributary.sim.theory;

import dev.tributary.sim.distribution.Distribution;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The traffic equations of a scenario, solved over nodes that know their own kind: works out the
 * arrival rate into every channel (through forwarding channels, fan-out, partitioners and consumers'
 * emits — the traffic equations of a Jackson network, solved by fixed-point iteration so feedback
 * loops work too), then asks each channel's node for its own and its groups' predictions.
 *
 * <p>The network knows no element kind: a kind contributes a {@link ChannelNode}.
 */
public final class Network {

    /** Most passes of the traffic-equation iteration (a feed-forward scenario needs as many as its depth). */
    static final int MAX_PASSES = 200;
    /** Predicted sojourn percentiles where the time's distribution is known exactly. */
    static final double[] PERCENTILES = {50, 95, 99};
    /** A figure under this name in a prediction is its exact sojourn tail P(T > t) (not written to reports). */
    public static final String TAIL = "sojournTail";

    /** What a channel kind contributes to the network. */
    public interface ChannelNode {
        /** The channel's id. */
        String id();

        /** Takes a flow arriving at this channel: holds it (the default) or passes it on. */
        default void accept(Flow f, Network net) {
            net.hold(id(), f);
        }

        /** Forgets what the previous pass of the traffic equations counted (a router's shares). */
        default void startPass() {
        }

        /** What one group reading this channel is offered and how much it gets through. */
        GroupLoad load(Group g, Network net);

        /** The channel's own prediction. */
        ElementPrediction channel(Network net);

        /** The prediction for a group reading this channel (before latency and end-to-end are added). */
        ElementPrediction group(Group g, Network net);

        /** The station a group shares with others on this channel, when its own prediction has none. */
        default Prediction sharedStation(Network net) {
            return null;
        }
    }

    /** A consumer group as the network sees it. */
    public record Group(String id, String from, int instances, Distribution service, List<Emit> emits,
                        boolean startsLate) {
        public Group {
            emits = List.copyOf(emits);
        }
    }

    /** What a group publishes after each handled event. */
    public record Emit(String to, String type, double probability) {
    }

    /** A producer: its flow into a channel. */
    public record Source(String id, String to, Flow flow, double rate) {
    }

    /** What one group is offered and how much it gets through. */
    public record GroupLoad(Flow flow, double lambda, double throughput, double departureCa2, Prediction prediction) {
    }

    private final Map<String, ChannelNode> channels = new LinkedHashMap<>();
    private final List<Group> groups;
    private final List<Source> sources;
    private final Map<String, Flow> inflow = new HashMap<>();
    private final Map<String, Map<String, Object>> latency = new HashMap<>();
    private final KeyMass keyMass = new KeyMass();

    /** A network of these channels (in file order), groups and sources. */
    public Network(List<ChannelNode> channels, List<Group> groups, List<Source> sources) {
        channels.forEach(c -> this.channels.put(c.id(), c));
        this.groups = List.copyOf(groups);
        this.sources = List.copyOf(sources);
    }

    /** The key-mass cache of this prediction. */
    public KeyMass keyMass() {
        return keyMass;
    }

    /** The flow held by a channel (empty when none). */
    public Flow inflowOf(String channel) {
        return inflow.getOrDefault(channel, new Flow());
    }

    /** Adds a flow to what a channel holds. */
    public void hold(String channel, Flow f) {
        inflow.computeIfAbsent(channel, k -> new Flow()).addAll(f);
    }

    /** Sends a flow into a channel (which holds it or passes it on). */
    public void deliver(String channel, Flow f) {
        channels.get(channel).accept(f, this);
    }

    /** The groups reading a channel, in file order. */
    public List<Group> groupsOf(String channel) {
        return groups.stream().filter(g -> g.from().equals(channel)).toList();
    }

    /** The load of a group, computed by its channel's node. */
    public GroupLoad load(Group g) {
        return channels.get(g.from()).load(g, this);
    }

    /** Records exact sojourn percentiles for a group whose time in system is known (e.g. a mixture of M/M/1s). */
    public void exactLatency(String groupId, DoubleUnaryOperator tail) {
        latency.put(groupId, latency(tail));
    }

    /** Every element's prediction in file order (channels, consumers, producers). */
    public Map<String, ElementPrediction> solve() {
        Map<String, Flow> emitted = new HashMap<>();
        double last = -1;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            inflow.clear();
            channels.values().forEach(ChannelNode::startPass);
            for (Source s : sources) {
                Flow f = new Flow();
                f.addAll(s.flow());
                deliver(s.to(), f);
            }
            emitted.forEach(this::deliver);
            Map<String, Flow> next = new HashMap<>();
            for (Group c : groups) {
                if (c.emits().isEmpty()) {
                    continue;
                }
                GroupLoad load = load(c);
                double factor = load.lambda() == 0 ? 0 : load.throughput() / load.lambda();
                for (Emit e : c.emits()) {
                    Flow out = new Flow();
                    for (Flow.Part part : load.flow().parts) {
                        Map<String, Double> types = e.type() == null ? part.types() : Map.of(e.type(), 1.0);
                        // an emitted event is as old as the handled one plus the time it spent here
                        double age = load.prediction() == null || !load.prediction().stable() ? Double.POSITIVE_INFINITY
                                : part.age() + load.prediction().W();
                        out.parts.add(new Flow.Part(part.rate() * factor * e.probability(), types, part.keys(),
                                part.keyRanges(), load.departureCa2(), age));
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
        for (ChannelNode c : channels.values()) {
            out.put(c.id(), withLatency(c.channel(this)));
        }
        for (Group g : groups) {
            out.put(g.id(), group(g));
        }
        for (Source s : sources) {
            out.put(s.id(), new ElementPrediction(s.id(), "producer", null, Map.of("throughput", s.rate())));
        }
        return out;
    }

    private ElementPrediction group(Group c) {
        ChannelNode source = channels.get(c.from());
        ElementPrediction p = withLatency(source.group(c, this));
        double age = inflowOf(c.from()).age();
        Prediction pr = p.prediction() != null ? p.prediction() : source.sharedStation(this);
        if (pr != null && pr.stable() && Double.isFinite(age) && !c.startsLate()) {
            // end to end = the time already spent upstream + the time here: a Jackson network's sum of stages
            Map<String, Object> extra = new LinkedHashMap<>(p.extra());
            extra.put("endToEnd", Map.of("mean", age + pr.W()));
            return new ElementPrediction(p.id(), p.kind(), p.prediction(), extra);
        }
        return p;
    }

    private ElementPrediction withLatency(ElementPrediction e) {
        Map<String, Object> lat = latencyOf(e.prediction());
        if (lat == null && e.prediction() != null && e.prediction().model().endsWith("× M/M/1") && e.prediction().stable()
                && e.prediction().exact()) {
            lat = latency.get(e.id());
        }
        if (lat == null) {
            return e;
        }
        Map<String, Object> extra = new LinkedHashMap<>(e.extra());
        extra.put("latency", lat);
        return new ElementPrediction(e.id(), e.kind(), e.prediction(), extra);
    }

    /**
     * Departure SCV of a G/G/c station, QNA's linking equation: cd² = 1 + (1 − ρ²)(ca² − 1)
     * + ρ²(cs² − 1)/√c (Whitt 1983), taken with ca² = 1: the station's own input variability is
     * reported in its caveats, not carried downstream. An M/M/c station gives 1: its departures are
     * Poisson (Burke 1956).
     */
    public static double departureCa2(Prediction p, Distribution service) {
        double rho = Math.min(1, p.utilization());
        return 1 + rho * rho * (service.scv() - 1) / Math.sqrt(p.servers());
    }

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

    /** A number in four significant digits, for reasons in words. */
    public static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}

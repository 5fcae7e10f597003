package dev.tributary.sim.theory;

import dev.tributary.sim.distribution.Distribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * <p>Each pass sends the producers' flows and the previous pass's emitted flows through the
 * channels; the emitted flows are merged part by part ({@link Flow#merged}), so a loop's flows keep
 * a bounded size however many passes it takes. A station saturates at its capacity, so the passes
 * settle even when a loop re-publishes one event or more per handled event; that loop's gain (the
 * spectral radius of one pass without producers, by power iteration) is reported
 * ({@link #feedback()}), and a scenario binder can refuse it.
 *
 * <p>The network knows no element kind: a kind contributes a {@link ChannelNode}.
 */
public final class Network {

    /** Most passes of the traffic-equation iteration (a feed-forward scenario needs as many as its depth). */
    static final int MAX_PASSES = 20_000;
    /** Predicted sojourn percentiles where the time's distribution is known exactly. */
    static final double[] PERCENTILES = {50, 95, 99};
    /** A figure under this name in a prediction is its exact sojourn tail P(T > t) (not written to reports). */
    public static final String TAIL = "sojournTail";

    /** What a channel kind contributes to the network. */
    public interface ChannelNode {
        /** The channel's id. */
        String id();

        /**
         * The channels this one sends to in simultaneous batches (a window's aggregates at each close),
         * each with the caveat for the stations there: their waits are predicted as if the batches were
         * spread out, so they err low. Empty by default.
         */
        default Map<String, String> batchesTo(Network net) {
            return Map.of();
        }

        /** Takes a flow arriving at this channel: holds it (the default) or passes it on. */
        default void accept(Flow f, Network net) {
            net.hold(id(), f);
        }

        /** Forgets what the previous pass of the traffic equations counted (a router's shares). */
        default void startPass() {
        }

        /**
         * What one group reading this channel is offered and how much it gets through; called on every
         * pass, so it should be cheap (the waiting-time model belongs in {@link #group}).
         */
        GroupLoad load(Group g, Network net);

        /** The channel's own prediction. */
        ElementPrediction channel(Network net);

        /** The prediction for a group reading this channel (before latency and end-to-end are added). */
        ElementPrediction group(Group g, Network net);

        /** The station a group shares with others on this channel, when its own prediction has none. */
        default Prediction sharedStation(Network net) {
            return null;
        }

        /** Whether each group reading this channel gets its own copy of every event (a topic, a stream). */
        default boolean copies() {
            return false;
        }

        /** Mean time an event spends held by its producer before it enters (a blocking queue), seconds. */
        default double heldTime(Network net) {
            return 0;
        }

        /**
         * How this channel passes events on to {@code target} when they leave together (a window's
         * aggregates at its close), or null when they leave one at a time (the default).
         */
        default Batches batchesTo(String target, Network net) {
            return null;
        }

        /** Figures this channel sets for a producer that feeds it (a blocked producer's throughput). */
        default Map<String, Object> producerFigures(String producer, Network net) {
            return Map.of();
        }

        /**
         * Flows a group sends elsewhere besides its emits, by channel: the events it dead-letters
         * (those run out of attempts go to its DLQ whatever happens to the ones it handles).
         */
        default Map<String, Flow> sideFlows(Group g, Network net) {
            return Map.of();
        }

        /**
         * Mean time an event the group handles successfully spends in it, retries and backoffs
         * included: the age it adds to what it emits and to its end-to-end time. The station's W
         * unless failures make the two differ.
         */
        default double successW(Group g, Network net, Prediction p) {
            return p.W();
        }

        /** Predictions for elements a group brings along (its retry stages), by id, in order. */
        default Map<String, ElementPrediction> groupParts(Group g, Network net) {
            return Map.of();
        }
    }

    /** Simultaneous arrivals a channel sends on: mean events per burst and the time between bursts, seconds. */
    public record Batches(double size, double every) {
    }

    /** A consumer group as the network sees it. */
    public record Group(String id, String from, int instances, Distribution service, List<Emit> emits,
                        boolean startsLate) {
        public Group {
            emits = List.copyOf(emits);
        }
    }

    /**
     * What a group publishes after each handled event: to {@code to}, with {@code probability}, and
     * only for an event whose time in the group's station is at most {@code within} seconds
     * (+Infinity for no limit; a command's reply after its requester's timeout is dropped).
     */
    public record Emit(String to, String type, double probability, double within) {
        /** An emit with no time limit. */
        public Emit(String to, String type, double probability) {
            this(to, type, probability, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * The events a group handles within a time limit: their share, their mean time in the group, and
     * whether both are exact (the group's station has an exact sojourn distribution and no failures).
     */
    public record Kept(double share, double meanTime, boolean exact, String how) {
    }

    /** A producer: its flow into a channel. */
    public record Source(String id, String to, Flow flow, double rate) {
    }

    /**
     * What one group is offered and how much it gets through.
     *
     * @param poissonOut  whether its departures are Poisson (a stable M/M/c fed by Poisson arrivals, Burke 1956)
     */
    public record GroupLoad(Flow flow, double lambda, double throughput, double departureCa2, boolean poissonOut,
                            Prediction prediction) {

        /** A group with a station of its own, offered all of {@code in} (a topic subscription's copy). */
        public static GroupLoad ownStation(Group g, Flow in) {
            Prediction p = new Station(in.rate(), in.renewal(), in.ca2(), g.instances(), g.service(), Integer.MAX_VALUE,
                    Station.Full.REJECT).predict();
            return new GroupLoad(in, in.rate(), p.throughput(), Network.departureCa2(p, g.service()),
                    Network.poissonDepartures(p), p);
        }
    }

    /** The window a run measures, [from, to] seconds of simulated time (its warm-up and duration). */
    public record Horizon(double from, double to) {
        /** No run: steady state only. */
        public static final Horizon NONE = new Horizon(0, Double.POSITIVE_INFINITY);

        /** Whether a finite run is known. */
        public boolean finite() {
            return Double.isFinite(to);
        }
    }

    /**
     * A feedback loop: groups whose emits reach each other, and the loop's gain, ignoring losses and
     * time limits: the spectral radius ρ of its routing matrix (events re-published per hop in the
     * long run). The traffic equations λ = γ + λP have a finite solution for every input iff ρ(P) < 1
     * (the Neumann series Σ Pⁿ converges; Horn and Johnson, "Matrix Analysis", 2nd ed., Thm 5.6.12 and
     * Cor. 5.6.16; for open Jackson networks e.g. Chen and Yao, "Fundamentals of Queueing Networks",
     * §2.1). For a simple cycle of k groups ρ^k is the product of the probabilities along it.
     *
     * @param roundTrip for a simple cycle, the events that come back to each of its groups per handled
     *                  event (the product of its probabilities, ρ^k); NaN for a loop with branches
     * @param emits "group→channel" for each emit on the loop, with its index among its group's emits
     */
    public record Loop(double gain, double roundTrip, List<String> groups, List<EmitRef> emits) {
        /** The loop's gain in words: the round trip of a simple cycle, else the spectral radius. */
        public String describe() {
            return Double.isNaN(roundTrip)
                    ? String.format(java.util.Locale.ROOT, "re-publishes %.3g events per handled event in the"
                            + " long run (the spectral radius of its routing matrix)", gain)
                    : String.format(java.util.Locale.ROOT, "re-publishes %.3g events per handled event"
                            + " (the product of the probabilities around it)", roundTrip);
        }
    }

    /** One emit of a group: its index in the group's list and its target. */
    public record EmitRef(String group, int index, String to) {
    }

    private final Map<String, ChannelNode> channels = new LinkedHashMap<>();
    private final List<Group> groups;
    private final List<Source> sources;
    private final Map<String, Flow> inflow = new HashMap<>();
    private final Map<String, Map<String, Object>> latency = new HashMap<>();
    private final KeyMass keyMass = new KeyMass();
    private final Horizon horizon;
    private boolean converged = true;

    /** A network of these channels (in file order), groups and sources, predicting the steady state. */
    public Network(List<ChannelNode> channels, List<Group> groups, List<Source> sources) {
        this(channels, groups, sources, Horizon.NONE);
    }

    /** A network whose run measures the window {@code horizon} (used for overload and transients). */
    public Network(List<ChannelNode> channels, List<Group> groups, List<Source> sources, Horizon horizon) {
        channels.forEach(c -> this.channels.put(c.id(), c));
        this.groups = List.copyOf(groups);
        this.sources = List.copyOf(sources);
        this.horizon = horizon;
    }

    /** The measured window of the run being predicted ({@link Horizon#NONE} for the steady state only). */
    public Horizon horizon() {
        return horizon;
    }

    /**
     * An unstable station's figures over the run's window, for a queue that starts empty: the
     * expected utilization, throughput, L, W and backlog at the end ({@link Backlog#window}), which
     * grow with the run's length. The prediction itself when stable or when no run is known.
     */
    public Prediction overRun(Prediction p) {
        if (p.stable() || !horizon.finite() || p.servers() <= 0) {
            return p;
        }
        Map<String, Double> w = Backlog.window(p.servers(), p.lambda(), p.mu(), horizon.from(), horizon.to());
        if (w == null) {
            return p;
        }
        Prediction out = p.withFlow(w.get("throughput"), w.get("utilization"));
        for (String f : List.of("L", "Lq", "W", "Wq", "backlog")) {
            out = out.with(f, w.get(f));
        }
        out = out.named(p.model(), p.reason() + String.format(java.util.Locale.ROOT, "; over this run (%s s to %s s,"
                        + " starting empty) L, W and the backlog at the end are expected values, growing with the run's"
                        + " length", fmt(horizon.from()), fmt(horizon.to())));
        if (!p.model().startsWith("M/M/") || p.model().contains("mixed")) {
            out = out.approximate("approximation: the idle time at the start is taken from M/M/c with the mean service"
                    + " rate", Prediction.Errs.EITHER);
        }
        return out;
    }

    /** The key-mass cache of this prediction. */
    public KeyMass keyMass() {
        return keyMass;
    }

    /** The bursts some channel sends {@code target} (a window's aggregates at its close), or null when none does. */
    public Batches batchesInto(String target) {
        for (ChannelNode c : channels.values()) {
            Batches b = c.batchesTo(target, this);
            if (b != null) {
                return b;
            }
        }
        return null;
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

    /**
     * One pass of the traffic equations: the producers' flows (unless {@code withSources} is false)
     * and {@code emitted} go through the channels; returns what the groups emit in turn. Emitted
     * events are as old as the handled ones plus the time held and spent at the group: its W from
     * {@code groupW} when given, else from its load's prediction.
     */
    private Map<String, Flow> pass(Map<String, Flow> emitted, boolean withSources, boolean saturate,
                                   Map<String, Double> groupW) {
        return pass(emitted, withSources, saturate, groupW, null);
    }

    /** One pass where only the groups in {@code only} (all when null) publish. */
    private Map<String, Flow> pass(Map<String, Flow> emitted, boolean withSources, boolean saturate,
                                   Map<String, Double> groupW, Set<String> only) {
        inflow.clear();
        channels.values().forEach(ChannelNode::startPass);
        if (withSources) {
            for (Source s : sources) {
                Flow f = new Flow();
                f.addAll(s.flow());
                deliver(s.to(), f);
            }
        }
        emitted.forEach(this::deliver);
        Map<String, Flow> next = new HashMap<>();
        for (Group c : groups) {
            if (only != null && !only.contains(c.id())) {
                continue;
            }
            // dead letters go to the group's DLQ whatever happens to the events it handles
            channels.get(c.from()).sideFlows(c, this).forEach((to, f) -> {
                Flow out = new Flow();
                out.addAll(f);
                Flow prev = next.get(to);
                if (prev != null) {
                    out.addAll(prev);
                }
                next.put(to, out.merged());
            });
            if (c.emits().isEmpty()) {
                continue;
            }
            GroupLoad load = load(c);
            // saturated: what the group gets through; for the loop gain: everything it is offered
            double factor = !saturate ? 1 : load.lambda() == 0 ? 0 : load.throughput() / load.lambda();
            double w;
            if (groupW != null && groupW.containsKey(c.id())) {
                w = groupW.get(c.id());
            } else {
                w = load.prediction() == null || !load.prediction().stable() ? Double.POSITIVE_INFINITY
                        : channels.get(c.from()).successW(c, this, load.prediction());
            }
            double held = channels.get(c.from()).heldTime(this);
            // copies: every group of a topic or stream gets the same events; several emits copy each one
            boolean copied = channels.get(c.from()).copies() && groupsOf(c.from()).size() > 1;
            for (int i = 0; i < c.emits().size(); i++) {
                Emit e = c.emits().get(i);
                Flow out = new Flow();
                // a time limit keeps only the events handled within it (the loop gain ignores it: an upper bound)
                Kept kept = saturate && Double.isFinite(e.within()) ? kept(c, load, e.within()) : null;
                double share = kept == null ? 1 : kept.share();
                double age = kept == null ? w : kept.meanTime();
                for (Flow.Part part : load.flow().parts) {
                    Map<String, Double> types = e.type() == null ? part.types() : Map.of(e.type(), 1.0);
                    double rate = part.rate() * factor * e.probability() * share;
                    java.util.TreeSet<String> forks = new java.util.TreeSet<>(part.forks());
                    if (copied) {
                        forks.add(c.from() + "|" + c.id());
                    }
                    if (c.emits().size() > 1) {
                        forks.add(c.id() + "|" + i);
                    }
                    // an emitted event is as old as the handled one plus the time it spent here
                    // departures thinned by their own sojourn times are not known to be Poisson (nor renewal)
                    boolean poisson = load.poissonOut() && kept == null;
                    out.parts.add(new Flow.Part(rate, types, part.keys(), part.keyRanges(), load.departureCa2(),
                            poisson ? Interarrival.poissonAt(rate) : null, null, part.age() + held + age,
                            List.copyOf(forks)));
                }
                Flow prev = next.get(e.to());
                if (prev != null) {
                    out.addAll(prev);
                }
                next.put(e.to(), out.merged());
            }
        }
        return next;
    }

    /**
     * The events group {@code g} handles within {@code limit} seconds of entering its station. Where
     * the station's time in system has a known distribution (its sojourn tail, e.g. FIFO M/M/c:
     * P(T > t) in closed form, Gross, Shortle, Thompson and Harris, "Fundamentals of Queueing Theory",
     * 4th ed., §2.3.1) the share is P(T ≤ limit) and the mean time of those kept is
     * E[T | T ≤ limit] = (∫₀^limit P(T > u) du − limit·P(T > limit)) / P(T ≤ limit); exact when the
     * station's prediction is and the group never fails (a retried event's time is its last attempt's,
     * which the station's tail does not give). Otherwise the time is taken as exponential with the
     * group's mean W, an approximation with no known direction of error. An unstable station's times
     * grow without bound: none is kept in the steady state.
     */
    public Kept kept(Group g, GroupLoad load, double limit) {
        Prediction p = load.prediction();
        if (p == null || !p.stable()) {
            return new Kept(0, limit, false, "the station is unstable: in the steady state every event waits longer");
        }
        ChannelNode source = channels.get(g.from());
        double w = source.successW(g, this, p);
        if (p.figures().get(TAIL) instanceof DoubleUnaryOperator tail) {
            double late = tail.applyAsDouble(limit);
            double share = 1 - late;
            // Simpson's rule over [0, limit] for the integral of the tail
            int n = 400;
            double h = limit / n;
            double sum = tail.applyAsDouble(0) + late;
            for (int i = 1; i < n; i++) {
                sum += (i % 2 == 1 ? 4 : 2) * tail.applyAsDouble(i * h);
            }
            double integral = sum * h / 3;
            double mean = share <= 0 ? limit : (integral - limit * late) / share;
            boolean exact = p.exact() && w == p.W();
            return new Kept(share, mean, exact, String.format(java.util.Locale.ROOT, "P(T ≤ %s s) = %s from the %s"
                    + " sojourn time's distribution%s", fmt(limit), fmt(share), p.model(), exact ? ", exact"
                    : " (approximate: the model is approximate or the group fails and retries)"));
        }
        if (!(w > 0) || !Double.isFinite(w)) {
            return new Kept(1, 0, false, "no time spent in the group");
        }
        double share = 1 - Math.exp(-limit / w);
        // E[T | T ≤ t] for an exponential T of mean w
        double mean = w - limit * Math.exp(-limit / w) / share;
        return new Kept(share, mean, false, String.format(java.util.Locale.ROOT, "P(T ≤ %s s) ≈ %s taking the time in"
                + " the group as exponential with its mean W = %s s (approximation, no known direction of error)",
                fmt(limit), fmt(share), fmt(w)));
    }

    /** Iterates the passes until the rates (and ages) settle; returns the last emitted flows. */
    private Map<String, Flow> settle(Map<String, Double> groupW) {
        Map<String, Flow> emitted = new HashMap<>();
        double lastRate = -1;
        double lastAge = -1;
        converged = false;
        for (int p = 0; p < MAX_PASSES; p++) {
            emitted = pass(emitted, true, true, groupW);
            double total = 0;
            double ageMass = 0;
            for (Flow f : inflow.values()) {
                for (Flow.Part part : f.parts) {
                    total += part.rate();
                    if (Double.isFinite(part.age())) {
                        ageMass += part.rate() * part.age();
                    }
                }
            }
            if (Math.abs(total - lastRate) <= 1e-12 * Math.max(1, total)
                    && Math.abs(ageMass - lastAge) <= 1e-10 * Math.max(1, ageMass)) {
                converged = true;
                break;
            }
            lastRate = total;
            lastAge = ageMass;
        }
        return emitted;
    }

    /**
     * The feedback loops through emits and their gain: the spectral radius of one pass without
     * producers and without saturation (each group re-publishing all it is offered), by power
     * iteration from the flows the producers start (so types, keys and router shares are theirs).
     * Empty when no emit leads back to its own group.
     */
    public List<Loop> feedback() {
        Map<String, Set<String>> reach = new LinkedHashMap<>();
        Map<String, Map<Integer, Set<String>>> emitReach = new LinkedHashMap<>();
        for (Group g : groups) {
            for (int i = 0; i < g.emits().size(); i++) {
                Set<String> hit = reached(g.emits().get(i).to());
                emitReach.computeIfAbsent(g.id(), k -> new LinkedHashMap<>()).put(i, hit);
                reach.computeIfAbsent(g.id(), k -> new LinkedHashSet<>()).addAll(hit);
            }
        }
        List<List<String>> cycles = components(reach);
        if (cycles.isEmpty()) {
            return List.of();
        }
        List<Loop> out = new ArrayList<>();
        for (List<String> comp : cycles) {
            double gain = loopGain(new HashSet<>(comp));
            // a simple cycle: each of its groups reaches exactly one group of it
            boolean simple = comp.stream().allMatch(g -> reach.get(g).stream().filter(comp::contains).count() == 1);
            double roundTrip = simple ? Math.pow(gain, comp.size()) : Double.NaN;
            List<EmitRef> refs = new ArrayList<>();
            for (String g : comp) {
                Group grp = groups.stream().filter(x -> x.id().equals(g)).findFirst().orElseThrow();
                for (int i = 0; i < grp.emits().size(); i++) {
                    if (emitReach.get(g).get(i).stream().anyMatch(comp::contains)) {
                        refs.add(new EmitRef(g, i, grp.emits().get(i).to()));
                    }
                }
            }
            out.add(new Loop(gain, roundTrip, comp, refs));
        }
        return out;
    }

    /** Groups that receive anything of a unit probe of every event type and key sent into {@code channel}. */
    private Set<String> reached(String channel) {
        inflow.clear();
        channels.values().forEach(ChannelNode::startPass);
        Flow probe = new Flow();
        for (Source s : sources) {
            for (Flow.Part p : s.flow().parts) {
                probe.parts.add(new Flow.Part(1, p.types(), p.keys(), p.keyRanges(), 1, null, null, 0));
            }
        }
        for (Group g : groups) {
            for (Emit e : g.emits()) {
                if (e.type() != null) {
                    probe.parts.add(new Flow.Part(1, Map.of(e.type(), 1.0), new dev.tributary.sim.value.KeySpec.None(),
                            List.of(new int[] {0, 0}), 1, null, null, 0));
                }
            }
        }
        if (probe.parts.isEmpty()) {
            probe.parts.add(new Flow.Part(1, Map.of("event", 1.0), new dev.tributary.sim.value.KeySpec.None(),
                    List.of(new int[] {0, 0}), 1, null, null, 0));
        }
        deliver(channel, probe);
        Set<String> out = new LinkedHashSet<>();
        for (Group g : groups) {
            if (inflowOf(g.from()).rate() > 0) {
                out.add(g.id());
            }
        }
        return out;
    }

    /** Strongly connected components with a cycle (Tarjan, iterative enough for small graphs). */
    private static List<List<String>> components(Map<String, Set<String>> edges) {
        List<String> nodes = new ArrayList<>(edges.keySet());
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        Set<String> on = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                strong(n, edges, index, low, stack, on, out, counter);
            }
        }
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
                               Map<String, Integer> low, java.util.Deque<String> stack, Set<String> on,
                               List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        on.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, edges, index, low, stack, on, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1 || edges.getOrDefault(v, Set.of()).contains(v)) {
                java.util.Collections.reverse(comp);
                out.add(comp);
            }
        }
    }

    /** Spectral radius of a pass without producers and without saturation (power iteration). */
    /**
     * The spectral radius of one pass in which only the groups of {@code loop} publish, each
     * re-publishing all it is offered. Power iteration on I + P, not P: a cycle's P is periodic
     * (its eigenvalues ρ·e^(2πij/k) all have modulus ρ, so the ratio of P's iterates oscillates)
     * while I + P is primitive with dominant eigenvalue 1 + ρ (Perron–Frobenius; Horn and Johnson,
     * "Matrix Analysis", 2nd ed., §8.5).
     */
    private double loopGain(Set<String> loop) {
        Map<String, Flow> x = pass(new HashMap<>(), true, false, Map.of());
        Map<String, Flow> previous = Map.of();
        double ratio = 0;
        for (int it = 0; it < 5000; it++) {
            double before = total(x);
            if (before <= 0) {
                return 0;
            }
            Map<String, Flow> normal = new HashMap<>();
            x.forEach((k, f) -> normal.put(k, f.scaled(1 / before)));
            Map<String, Flow> next = pass(normal, false, false, Map.of(), loop);
            double r = total(next);
            normal.forEach((k, f) -> {
                Flow sum = new Flow();
                sum.addAll(f);
                Flow prev = next.get(k);
                if (prev != null) {
                    sum.addAll(prev);
                }
                next.put(k, sum.merged());
            });
            // settled when the direction has (not the ratio alone, which can repeat by chance on the way)
            double change = Math.abs(r - ratio);
            for (Map.Entry<String, Flow> f : normal.entrySet()) {
                Flow old = previous.get(f.getKey());
                change = Math.max(change, Math.abs(f.getValue().rate() - (old == null ? 0 : old.rate())));
            }
            if (it > 5 && change < 1e-12 * Math.max(1, r)) {
                return r;
            }
            previous = normal;
            ratio = r;
            x = next;
        }
        return ratio;
    }

    private static double total(Map<String, Flow> flows) {
        return flows.values().stream().mapToDouble(Flow::rate).sum();
    }

    /** Every element's prediction in file order (channels, consumers, producers). */
    public Map<String, ElementPrediction> solve() {
        // 1. the traffic equations, with each station's own W for the ages where it is cheap
        boolean emits = groups.stream().anyMatch(g -> !g.emits().isEmpty());
        List<Loop> loops = emits ? feedback() : List.of();
        settle(null);
        boolean settled = converged;
        // 2. every group's full prediction, once
        Map<String, ElementPrediction> groupPredictions = new LinkedHashMap<>();
        Map<String, Double> groupW = new HashMap<>();
        for (Group g : groups) {
            ElementPrediction p = channels.get(g.from()).group(g, this);
            groupPredictions.put(g.id(), p);
            double w = timeIn(g, p);
            groupW.put(g.id(), Double.isNaN(w) ? Double.POSITIVE_INFINITY : w);
        }
        // 3. ages (end-to-end times) with those W, when anything is emitted
        if (emits) {
            settle(groupW);
            settled &= converged;
        }
        Map<String, ElementPrediction> out = new LinkedHashMap<>();
        Map<String, String> batched = new LinkedHashMap<>();
        channels.values().forEach(c -> c.batchesTo(this).forEach(batched::putIfAbsent));
        for (ChannelNode c : channels.values()) {
            out.put(c.id(), batched(withLatency(c.channel(this)), batched.get(c.id())));
        }
        for (Group g : groups) {
            ElementPrediction p = batched(group(g, groupPredictions.get(g.id())), batched.get(g.from()));
            for (Loop loop : loops) {
                if (loop.groups().contains(g.id())) {
                    p = withLoop(p, loop);
                }
            }
            for (Emit e : g.emits()) {
                if (Double.isFinite(e.within())) {
                    Kept k = kept(g, load(g), e.within());
                    p = withNote(p, "publishes to " + e.to() + " only what it handles within "
                            + dev.tributary.sim.value.Durations.format(e.within()) + ": " + k.how());
                }
            }
            if (!settled) {
                p = withNote(p, "the traffic equations did not settle within " + MAX_PASSES + " passes: rates are approximate");
            }
            out.put(g.id(), p);
            channels.get(g.from()).groupParts(g, this).forEach(out::put);
        }
        for (Source s : sources) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("exact", true);
            figures.put("throughput", s.rate());
            for (ChannelNode c : channels.values()) {
                figures.putAll(c.producerFigures(s.id(), this));
            }
            out.put(s.id(), new ElementPrediction(s.id(), "producer", null, figures));
        }
        return out;
    }

    /** {@code p} for a station fed in batches: approximate and erring low, for {@code why} (null: unchanged). */
    private static ElementPrediction batched(ElementPrediction p, String why) {
        if (why == null) {
            return p;
        }
        if (p.prediction() == null) {
            return withNote(p, why);
        }
        if (p.prediction().model() != null && p.prediction().model().startsWith("bursts of")) {
            return p; // the station's own burst model already takes the bursts as bursts
        }
        return new ElementPrediction(p.id(), p.kind(), p.prediction().erring(why, Prediction.Errs.LOW), p.extra());
    }

    private static ElementPrediction withLoop(ElementPrediction p, Loop loop) {
        String emits = String.join(", ", loop.emits().stream().map(e -> e.group() + " → " + e.to()).toList());
        String note = Double.isNaN(loop.roundTrip())
                ? String.format(java.util.Locale.ROOT, "feedback loop through %s: it %s%s", emits, loop.describe(),
                        loop.gain() >= 1 ? ", so the traffic on the loop grows without bound whatever the capacity" : "")
                : String.format(java.util.Locale.ROOT, "feedback loop through %s: each handled event is re-published"
                + " %.3g times around it%s", emits, loop.roundTrip(), loop.gain() >= 1
                ? ", so the traffic on the loop grows without bound whatever the capacity" : "");
        return withNote(p, note);
    }

    private static ElementPrediction withNote(ElementPrediction p, String note) {
        Map<String, Object> extra = new LinkedHashMap<>(p.extra());
        List<String> notes = new ArrayList<>();
        if (extra.get("notes") instanceof List<?> l) {
            l.forEach(x -> notes.add(String.valueOf(x)));
        }
        notes.add(note);
        extra.put("notes", notes);
        return new ElementPrediction(p.id(), p.kind(), p.prediction(), extra);
    }

    private ElementPrediction group(Group c, ElementPrediction raw) {
        ChannelNode source = channels.get(c.from());
        ElementPrediction p = withLatency(raw);
        double age = inflowOf(c.from()).age();
        Prediction pr = p.prediction() != null ? p.prediction() : source.sharedStation(this);
        double w = timeIn(c, p);
        if (pr != null && pr.stable() && Double.isFinite(age) && Double.isFinite(w) && !c.startsLate()) {
            // end to end = the time already spent upstream (and held by a blocked producer) + the time
            // here: a Jackson network's sum of stages
            Map<String, Object> extra = new LinkedHashMap<>(p.extra());
            extra.put("endToEnd", Map.of("mean", age + source.heldTime(this) + w));
            return new ElementPrediction(p.id(), p.kind(), p.prediction(), extra);
        }
        return p;
    }

    /**
     * Mean time in group {@code g} of an event it handles (NaN when unstable or unknown): with
     * failures the time to success ({@link ChannelNode#successW}, retries and backoffs included),
     * otherwise the group's own W figure where it has one, else its station's W.
     */
    private double timeIn(Group g, ElementPrediction p) {
        ChannelNode source = channels.get(g.from());
        Prediction pr = p.prediction() != null ? p.prediction() : source.sharedStation(this);
        if (pr == null || !pr.stable()) {
            return p.extra().get("W") instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        if (p.prediction() != null) {
            double success = source.successW(g, this, pr);
            if (success != pr.W()) {
                return success;
            }
        }
        return p.extra().get("W") instanceof Number n ? n.doubleValue() : pr.W();
    }

    private ElementPrediction withLatency(ElementPrediction e) {
        Map<String, Object> lat = null;
        Prediction p = e.prediction();
        if (p != null && p.stable() && p.exact() && p.figures().get(TAIL) instanceof DoubleUnaryOperator tail) {
            lat = latency(tail);
        } else if (p != null && p.stable() && p.exact() && p.model().contains("× ")) {
            lat = latency.get(e.id());
        }
        if (lat == null) {
            return e;
        }
        double relax = p.figures().get("relaxationTime") instanceof Double d ? d : 0;
        if (horizon.finite() && horizon.to() - horizon.from() < 10 * relax) {
            // the steady state's percentiles are exact; a run this short measures its own, still on the way
            lat = new LinkedHashMap<>(lat);
            lat.put("exact", false);
            lat.put("errs", Prediction.Errs.HIGH);
            lat.put("note", String.format(java.util.Locale.ROOT, "the queue forgets its start in about %s s (relaxation"
                    + " time) and the run measures %s s: a run's own percentiles are still on their way up, so the"
                    + " steady state's err high against them; much longer runs agree",
                    fmt(relax), fmt(horizon.to() - horizon.from())));
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

    /** Whether a station's departures are Poisson: a stable, unbounded M/M/c fed by Poisson arrivals (Burke 1956). */
    public static boolean poissonDepartures(Prediction p) {
        return p != null && p.stable() && p.exact() && p.loss() == 0 && p.model().startsWith("M/M/")
                && p.model().chars().filter(ch -> ch == '/').count() == 2 && !p.figures().containsKey("blockProbability");
    }

    private static Map<String, Object> latency(DoubleUnaryOperator tail) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (double pc : PERCENTILES) {
            m.put("p" + (int) pc, Quantiles.of(tail, pc / 100));
        }
        return m;
    }

    /** A number in four significant digits, for reasons in words. */
    public static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}

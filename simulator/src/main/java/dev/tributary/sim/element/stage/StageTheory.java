package dev.tributary.sim.element.stage;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.element.queue.QueueSpec;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.MMcK;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stage in the theory network. A stage read by one group without failures is a c-server station
 * with K = capacity + c places; when it blocks, the place held by its sender makes it M/M/c/(K+1)
 * (exact for a stage fed by one Poisson producer whose own workers never wait). A worker that
 * emits into a full blocking stage is held until that stage's next departure: blocking after
 * service. The approximation used for the line (the "expansion" idea of Hillier and Boling 1967 and
 * the decompositions surveyed in Perros, <i>Queueing Networks with Blocking</i>, 1994) folds that
 * hold into the upstream worker's occupied time, back to front:
 * <pre>  occupied_i = E[S_i] + Σ_j p_ij · P(arrival finds j full) · occupied_j / c_j</pre>
 * (occupied_j / c_j is the mean time to j's next departure when all its c_j workers are occupied, exact
 * for exponential times). Each stage is then the birth–death chain with service rate 1/occupied_i.
 * Whatever the times, the line can never carry more than its slowest stage, min_i c_i / E[S_i] (exact
 * bound). When the line is offered at least that much, the stages upstream of the bottleneck pass
 * exactly that (flow conservation, see {@link #saturated}). A stage with admission control is the
 * loss system at its threshold and never blocks; a stage with SEDA's thread pool is predicted with
 * all its threads and labelled approximate. Other stages (several groups, failures) are predicted as
 * a queue alone and say so.
 */
final class StageTheory implements Network.ChannelNode {

    /** Deepest chain of blocking stages followed (a cycle of stages is cut there). */
    private static final int MAX_DEPTH = 64;

    private final StageSpec s;
    private final Topology topology;
    private final Network.ChannelNode fallback;

    StageTheory(StageSpec s, Topology topology) {
        this.s = s;
        this.topology = topology;
        this.fallback = new QueueSpec(s.id(), room(), block() ? QueueSpec.Overflow.BLOCK
                : QueueSpec.Overflow.REJECT).theory(topology);
    }

    @Override
    public String id() {
        return s.id();
    }

    private boolean block() {
        return s.blocks();
    }

    /** Waiting places an arrival may take: the admission threshold where there is one, else the capacity. */
    private int room() {
        return s.admission() ? s.admitBelow() : s.capacity();
    }

    /** Most waiting places of a stage the line model solves (its chains are solved many times over). */
    static final int LINE_MODEL_MAX = 200;

    /** The one group reading this stage when the line model applies to it, else null. */
    private ConsumerSpec reader() {
        List<ConsumerSpec> r = topology.consumersOf(s.id());
        return r.size() == 1 && !r.get(0).failsOrBreaks() && s.capacity() <= LINE_MODEL_MAX && loop() == null
                ? r.get(0) : null;
    }

    /** The feedback loop of blocking stages reachable from this stage (ids, first repeated at the end), or null; memoised. */
    private List<String> loop;
    private boolean loopKnown;

    /**
     * A loop of blocking stages (a's handler emits into b, b's into a, or a into itself) that this stage
     * reaches through emits. The line model folds each stage's holds into the occupied time of the
     * workers upstream, back to front; around a loop that recursion never ends, and workers can hold
     * each other for good (each waits for room in a stage whose only worker is waiting too), which no
     * model here describes. Such a stage is predicted as a queue alone and says so.
     */
    private List<String> loop() {
        if (!loopKnown) {
            loop = loopFrom(s.id(), new java.util.ArrayList<>(), new java.util.HashSet<>());
            loopKnown = true;
        }
        return loop;
    }

    /** Depth-first search over the emits into blocking stages; {@code path} is the stack, {@code done} the stages without a loop. */
    private List<String> loopFrom(String id, List<String> path, java.util.Set<String> done) {
        int at = path.indexOf(id);
        if (at >= 0) {
            List<String> cycle = new java.util.ArrayList<>(path.subList(at, path.size()));
            cycle.add(id);
            return cycle;
        }
        if (done.contains(id)) {
            return null;
        }
        path.add(id);
        for (ConsumerSpec g : topology.consumersOf(id)) {
            for (ConsumerSpec.EmitSpec e : g.emits()) {
                if (isBlockingStage(e.to())) {
                    List<String> found = loopFrom(e.to(), path, done);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        done.add(id);
        return null;
    }

    private boolean isBlockingStage(String id) {
        return topology.channels().stream().anyMatch(c -> c.id().equals(id) && c instanceof StageSpec st && st.blocks());
    }

    /** The blocking stage {@code id} names, with the line model applying to it, or null. */
    private StageTheory blockingStage(String id) {
        for (ChannelSpec c : topology.channels()) {
            if (c.id().equals(id) && c instanceof StageSpec st && st.blocks()) {
                StageTheory t = new StageTheory(st, topology);
                return t.reader() == null ? null : t;
            }
        }
        return null;
    }

    /** A stage solved: its station, the mean time a worker is occupied per event, and P(arrival finds it full). */
    private record Solved(Prediction station, double occupied, double full, int servers) {
    }

    /**
     * Mean time a worker of the reading group is occupied per event when the group passes
     * {@code thr} events per second: its service plus the expected holds at the blocking stages it feeds.
     */
    private double occupied(ConsumerSpec g, Network net, int depth, double thr) {
        double t = g.service().mean();
        if (depth >= MAX_DEPTH) {
            return t;
        }
        for (ConsumerSpec.EmitSpec e : g.emits()) {
            StageTheory next = blockingStage(e.to());
            if (next != null) {
                Solved n = next.solve(net, depth + 1, thr * e.probability());
                t += e.probability() * n.full() * n.occupied() / n.servers();
            }
        }
        return t;
    }

    /**
     * Solves the stage offered {@code rateIn} events per second (NaN: what the network sends it). Its
     * throughput and the holds downstream depend on each other (the holds slow it, which thins what
     * reaches the stages it feeds): a damped fixed point settles them.
     */
    private Solved solve(Network net, int depth, double rateIn) {
        Flow in = net.inflowOf(s.id());
        double lambda = Double.isNaN(rateIn) ? in.rate() : rateIn;
        ConsumerSpec g = reader();
        double bound = (double) lineCapacity(depth)[0];
        double thr = Math.min(lambda, bound);
        Solved x = null;
        for (int i = 0; i < 200; i++) {
            x = chain(g, in, lambda, occupied(g, net, depth, thr));
            double next = Math.min(x.station().throughput(), bound);
            if (!(Math.abs(next - thr) > 1e-12 * Math.max(1, thr))) {
                break;
            }
            thr = (thr + next) / 2;
        }
        x = saturated(g, in, lambda, bound, x);
        Prediction p = x.station();
        if (p.throughput() > bound * (1 + 1e-9)) {
            // the chain ignores that held workers queue behind each other for the same departures, so it can
            // promise more than the slowest stage downstream can take: the exact bound caps it
            p = p.withFlow(bound, Math.min(1, bound * x.occupied() / g.instances())).approximate(String.format(
                    Locale.ROOT, "approximation: the chain's throughput %.4g/s is above what the line can carry, min c/E[S]"
                            + " = %.4g/s (exact bound), and is capped there; held workers queue behind each other for"
                            + " the same departures, which the hold term ignores, so throughput errs high and queue"
                            + " lengths and waits upstream of the bottleneck err low", p.throughput(), bound),
                    Prediction.Errs.EITHER);
            if (p.figures().containsKey("producerThroughput")) {
                // a Poisson producer that pauses while held delivers λ(1 − blocked fraction)
                // a Poisson producer that pauses while held delivers λ(1 − f): f = 1 − bound/λ is the fraction of
                // the time it is held. The chain's balance across the held place, λ·P(K) = (c/occ)·P(K+1), gives the
                // probability that an event it produces finds the stage full, P(K)/(1 − P(K+1)) = f·c/(bound·occ)
                // (it produces only while running; PASTA), so the two figures stay one chain's
                double f = 1 - bound / lambda;
                p = p.with("producerThroughput", bound).with("blockedFraction", f)
                        .with("blockProbability", Math.min(1, f * g.instances() / (bound * x.occupied())));
            }
            x = new Solved(p, x.occupied(), x.full(), x.servers());
        }
        return x;
    }

    /**
     * A stage upstream of the bottleneck of a line offered at least what the line can carry. The hold
     * term ignores that held workers queue behind each other for the same departures, so it leaves
     * the stage far too fast (it would pass more than the bottleneck can take). Flow conservation
     * fixes the occupied time instead, the way the decomposition methods of a tandem line with
     * blocking do (Perros, <i>Queueing Networks with Blocking</i>, 1994, ch. 3; Dallery and Frein
     * 1993): the stage passes exactly what the line carries. Its workers are then occupied
     * {@code occ'} per event with {@code occ'} the smallest for which its chain's throughput is the
     * line capacity: for the head, the M/M/c/(K+1) chain with λ(1 − P(K+1)) = bound; for a stage fed
     * by held workers, c/bound (its own capacity is the line's: it runs full).
     */
    private Solved saturated(ConsumerSpec g, Flow in, double lambda, double bound, Solved x) {
        int c = g.instances();
        if (!block() || lambda < bound * (1 - 1e-9) || c / g.service().mean() <= bound * (1 + 1e-9)
                || !(bound > 0)) {
            return x; // not held back, or this stage is the bottleneck itself
        }
        double full = c / bound;
        if (full <= x.occupied()) {
            return x;
        }
        double occ = full;
        String producer = in.soleProducer();
        boolean head = producer != null && topology.producersTo(s.id()).stream().anyMatch(q -> q.id().equals(producer));
        if (head && x.station().throughput() > bound) {
            // the head: the occupied time whose chain passes the bound (throughput falls as occ grows)
            double lo = x.occupied();
            double hi = full;
            for (int i = 0; i < 100 && hi - lo > 1e-14 * hi; i++) {
                double mid = (lo + hi) / 2;
                if (chain(g, in, lambda, mid).station().throughput() > bound) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            occ = hi;
        }
        Solved y = chain(g, in, lambda, occ);
        Prediction p = y.station().approximate(String.format(Locale.ROOT, "approximation (flow conservation, as in"
                + " the decomposition of tandem lines with blocking: Perros 1994, Dallery and Frein 1993): the line"
                + " is offered %.4g/s, at least what it can carry (%.4g/s), so this stage upstream of the bottleneck"
                + " passes only that; its workers' occupied time is set to %.4g s per event (service %.4g s, the"
                + " rest held) so that its chain passes exactly %.4g/s, instead of the hold term's %.4g s, which"
                + " ignores that held workers queue behind each other", lambda, bound, occ, g.service().mean(), bound,
                x.occupied()), Prediction.Errs.EITHER);
        return new Solved(p, occ, y.full(), y.servers());
    }

    /** The stage's chain offered {@code lambda} with workers occupied {@code occ} seconds per event. */
    private Solved chain(ConsumerSpec g, Flow in, double lambda, double occ) {
        int c = g.instances();
        boolean held = occ > g.service().mean() * (1 + 1e-12);
        Distribution service = held ? new Exponential(occ) : g.service();
        int k = s.capacity() + c;
        if (!block()) {
            Prediction p = new Station(lambda, in.renewal(), in.ca2(), c, service, room(), Station.Full.REJECT)
                    .predict();
            if (s.admission()) {
                // admission control turns newcomers away while admitBelow wait: the waiting line never passes
                // it, so the stage is the loss system M/M/c/K with K = admitBelow + c (Gross et al.,
                // "Fundamentals of Queueing Theory", 4th ed., §2.5), exact for Poisson arrivals and exponential
                // service; the capacity above the threshold is never used
                p = p.named(p.model(), String.format(Locale.ROOT, "%d worker%s with admission control: newcomers are"
                        + " turned away while %d or more wait, so the stage is a loss system with K = %d + %d = %d"
                        + " places; lossProbability is P(K), the share turned away (admissionRejected)", c,
                        c == 1 ? "" : "s", s.admitBelow(), s.admitBelow(), c, s.admitBelow() + c));
            }
            return new Solved(caveats(p, held), occ, 0, c);
        }
        String producer = in.soleProducer();
        boolean byProducer = producer != null && topology.producersTo(s.id()).stream()
                .anyMatch(x -> x.id().equals(producer));
        if (byProducer) {
            Prediction p = new Station(lambda, in.renewal(), in.ca2(), c, service, s.capacity(), Station.Full.BLOCK)
                    .predict();
            return new Solved(caveats(p, held), occ, figure(p, "blockProbability"), c);
        }
        // fed by upstream workers that hold their event when it is full: nothing is lost, so the rate
        // into the chain is the one whose throughput λ'(1 − P(K+1)) equals the inflow
        double mu = 1 / occ;
        double cap = c * mu;
        if (!(lambda > 0)) {
            Prediction p = new Station(lambda, null, in.ca2(), c, service, s.capacity(), Station.Full.BLOCK).predict();
            return new Solved(caveats(p, held), occ, 0, c);
        }
        // offered its capacity or more (it is the bottleneck of a held-back line): it runs saturated, full
        double target = Math.min(lambda, cap * (1 - 1e-6));
        double lo = target;
        double hi = target;
        while (thr(c, k, hi, mu) < target && hi < 1e12) {
            hi *= 2;
        }
        for (int i = 0; i < 80 && hi - lo > 1e-13 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (thr(c, k, mid, mu) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Prediction p = new Station(hi, null, 1, c, service, s.capacity(), Station.Full.BLOCK).predict()
                .approximate("approximation: the arrivals are an upstream stage's departures, held by their worker while"
                        + " the stage is full; modelled as Poisson with the held event as one more place, at the rate"
                        + " whose throughput equals the inflow", Prediction.Errs.EITHER);
        return new Solved(caveats(p, held), occ, figure(p, "blockProbability"), c);
    }

    private static double thr(int c, int k, double lambda, double mu) {
        double[] p = MMcK.distribution(c, k + 1, lambda, mu);
        return lambda * (1 - p[k + 1]);
    }

    private static double figure(Prediction p, String name) {
        return p.figures().get(name) instanceof Double d ? d : 0;
    }

    private Prediction caveats(Prediction p, boolean held) {
        if (!held) {
            return p;
        }
        return p.approximate("approximation: blocking after service; a worker that finds the next stage full holds its"
                + " event until that stage's next departure, folded into its occupied time (service + P(full) ·"
                + " occupied_next / c_next, exponential); holds are neither exponential nor independent", Prediction.Errs.EITHER);
    }

    /** The most the line from this stage on can carry: min over it of c / E[S] (exact upper bound), and where. */
    private Object[] lineCapacity(int depth) {
        ConsumerSpec g = reader();
        double own = g.instances() / g.service().mean();
        Object[] best = {own, s.id()};
        if (depth >= MAX_DEPTH) {
            return best;
        }
        for (ConsumerSpec.EmitSpec e : g.emits()) {
            StageTheory next = blockingStage(e.to());
            if (next != null && e.probability() >= 1) {
                Object[] n = next.lineCapacity(depth + 1);
                if ((double) n[0] < (double) best[0]) {
                    best = n;
                }
            }
        }
        return best;
    }

    @Override
    public Network.GroupLoad load(Network.Group g, Network net) {
        if (reader() == null) {
            return fallback.load(g, net);
        }
        Solved x = solve(net, 0, Double.NaN);
        Prediction p = x.station();
        Flow in = net.inflowOf(s.id());
        return new Network.GroupLoad(in, in.rate(), p.throughput(), Network.departureCa2(p, g.service()), false, p);
    }

    @Override
    public ElementPrediction channel(Network net) {
        if (reader() == null) {
            ElementPrediction e = fallback.channel(net);
            Map<String, Object> extra = new LinkedHashMap<>(e.extra());
            Prediction fp = batchWords(loopWords(pooled(stageWords(e.prediction()), net)), net);
            extra.put("line", "not modelled: the line model needs one group without failures reading the stage, at"
                    + " most " + LINE_MODEL_MAX + " waiting places and no feedback loop of blocking stages"
                    + (loop() == null ? "" : " (this stage reaches the loop " + String.join(" → ", loop()) + ")")
                    + " (such a stage is modelled as a queue alone, "
                    + (block() ? "blocking: M/M/c/(K+1), and the workers upstream as never held by it)"
                            : "shedding: M/M/c/K)"));
            return new ElementPrediction(s.id(), StageKind.WORD, fp, extra);
        }
        Prediction p = batchWords(pooled(solve(net, 0, Double.NaN).station(), net), net);
        if (p.stable()) {
            p = p.with("backlog", p.L());
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        ConsumerSpec g = reader();
        extra.put("capacity", g.instances() / g.service().mean());
        Object[] line = lineCapacity(0);
        extra.put("lineCapacity", line[0]);
        extra.put("bottleneck", line[1]);
        return new ElementPrediction(s.id(), StageKind.WORD, p, extra);
    }

    @Override
    public ElementPrediction group(Network.Group c, Network net) {
        if (reader() == null) {
            ElementPrediction e = fallback.group(c, net);
            return new ElementPrediction(e.id(), e.kind(), batchWords(loopWords(pooled(stageWords(e.prediction()), net)), net),
                    e.extra());
        }
        Solved x = solve(net, 0, Double.NaN);
        Prediction p = batchWords(pooled(x.station(), net), net);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (p.stable()) {
            extra.put("lag", p.L());
            p = p.with("backlog", p.L());
        }
        ConsumerSpec g = reader();
        if (g.emits().stream().anyMatch(e -> blockingStage(e.to()) != null)) {
            // Little's law on the holds: events leave at the throughput, each held (occupied − E[S]) on average
            double hold = x.occupied() - g.service().mean();
            extra.put("heldWorkers", p.throughput() * hold);
            extra.put("heldFraction", p.throughput() * hold / g.instances());
        }
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }

    /**
     * The station's words, where the queue model it borrows speaks of loss: a stage fed by upstream
     * workers holds them when full (blocking after service), it loses nothing.
     */
    static Prediction stageWords(Prediction p) {
        List<String> caveats = new java.util.ArrayList<>();
        boolean changed = false;
        for (String c : p.caveats()) {
            if (c.startsWith(QUEUE_MIXED_BLOCK)) {
                caveats.add(FALLBACK_HELD);
                changed = true;
            } else {
                caveats.add(c);
            }
        }
        String reason = p.reason().replace("a full queue makes its producer hold the event and wait", "a full stage"
                + " makes its sender hold the event and wait");
        return !changed ? p : new Prediction(p.model(), reason, p.exact(), caveats, p.lambda(), p.mu(), p.servers(),
                p.utilization(), p.L(), p.Lq(), p.W(), p.Wq(), p.pWait(), p.loss(), p.throughput(), p.stable(),
                p.growthRate(), p.offeredLoad(), p.errs(), p.figures());
    }

    /** Where this stage reaches a feedback loop of blocking stages, the caveat that says no model applies to it. */
    private Prediction loopWords(Prediction p) {
        if (loop() == null) {
            return p;
        }
        return p.approximate(String.format(Locale.ROOT, "no model applies: blocking stages in a feedback loop (%s):"
                + " a worker that emits into a full stage of the loop is held until that stage has room, and around"
                + " a loop the workers can hold each other, even for good (deadlock); these figures are the stage as a"
                + " queue alone, without the holds, so throughput errs high and waits err low, possibly by far;"
                + " only the run measures this", String.join(" → ", loop())), Prediction.Errs.EITHER);
    }

    /** What a stage's arrival models say about the held event that a forwarding channel does not hold. */
    private static final String HELD_ARRIVALS = "approximation: the arrivals are an upstream stage's departures, held";

    /**
     * A stage fed in simultaneous bursts (a window's aggregates, all at its close). The chains assume one
     * arrival at a time; a burst of B meeting the stage takes at most K = room + c places (c start, the
     * rest wait) and, since a window cannot be held, the rest are turned away. With the window as the
     * only feeder each burst delivers at most min(B_i, K), so the throughput is at most
     * E[min(B, K)]/A ≤ min(E[B], K)/A (exact upper bound, A the time between bursts; Jensen for the
     * concave min). The chain's figures are kept, capped at that bound, and labelled optimistic.
     */
    private Prediction batchWords(Prediction p, Network net) {
        Network.Batches b = net.batchesInto(s.id());
        if (b == null) {
            return p;
        }
        List<ConsumerSpec> r = topology.consumersOf(s.id());
        int c = r.isEmpty() ? 1 : r.get(0).instances();
        int places = room() + c;
        boolean sole = topology.soleForwarded(s.id());
        double most = Math.min(b.size(), places) / b.every();
        List<String> caveats = new java.util.ArrayList<>(p.caveats());
        caveats.removeIf(x -> x.startsWith(HELD_ARRIVALS));
        String reason = p.reason().replace("and nothing is lost", "(a window is not held: what finds the stage full"
                + " is turned away)");
        Prediction q = new Prediction(p.model(), reason, p.exact(), caveats, p.lambda(), p.mu(), p.servers(),
                p.utilization(), p.L(), p.Lq(), p.W(), p.Wq(), p.pWait(), p.loss(), p.throughput(), p.stable(),
                p.growthRate(), p.offeredLoad(), p.errs(), p.figures());
        double es = r.isEmpty() ? 0 : r.get(0).service().mean();
        int wait = places - c;
        if (sole && b.size() >= places && wait * es / c + es < b.every()) {
            // each burst meets an empty stage and fills its K places: c start at once, the one at waiting position
            // j waits for j departures of c busy workers, j·E[S]/c (exponential service, memoryless), so over the K
            // taken Wq = (E[S]/c)·Σ_{j=1..K−c} j / K; Little's law gives L and Lq at the throughput K/A
            double wq = es / c * wait * (wait + 1) / 2.0 / places;
            double lambdaIn = net.inflowOf(s.id()).rate();
            double thr = places / b.every();
            String why = String.format(Locale.ROOT, "%d worker%s and room for %d, fed in simultaneous bursts of about"
                    + " %.4g every %.4g s (a window's aggregates at its close): a burst meets the stage empty (it"
                    + " drains in %.4g s), takes its K = %d places and the rest is turned away (a window is not"
                    + " held); throughput K/every, Wq = (E[S]/c)·Σ_{j≤K−c} j / K", c, c == 1 ? "" : "s", wait,
                    b.size(), b.every(), wait * es / c + es, places);
            Prediction burst = new Prediction("bursts of " + places, why, false, List.of(), lambdaIn,
                    es > 0 ? 1 / es : 0, c, thr * es / c, thr * (wq + es), thr * wq, wq + es, wq, (double) wait / places,
                    Math.max(0, 1 - thr / lambdaIn), thr, true, 0, lambdaIn * es / c, null, Map.of());
            return burst.approximate(String.format(Locale.ROOT, "approximation (burst model): exact when every burst"
                    + " has at least K events, the stage empties between bursts and service is exponential; the"
                    + " number of keys with events varies, so where a burst has fewer than K the throughput errs"
                    + " high; an M/M/c chain at the mean rate (one arrival at a time) would say %.4g/s", p.throughput()),
                    Prediction.Errs.EITHER).with("burstSize", b.size()).with("burstThroughputAtMost", most);
        }
        String cap = "";
        if (sole && q.throughput() > most) {
            q = q.withFlow(most, Math.min(1, most * es / c));
            cap = String.format(Locale.ROOT, "; throughput is capped at that bound (%.4g/s)", most);
        }
        q = q.approximate(String.format(Locale.ROOT, "approximation, optimistic: the stage is fed in simultaneous"
                        + " bursts of about %.4g events every %.4g s (a window's aggregates at its close), which the"
                        + " model takes as arriving one at a time; a burst takes at most K = %d + %d = %d places and a"
                        + " window cannot be held, so the rest of the burst is turned away: throughput is at most"
                        + " min(burst, K)/every = %.4g/s%s, and the share turned away, the queue lengths and the waits"
                        + " err low", b.size(), b.every(), room(), c, places, most,
                        sole ? cap : " when the window is its only feeder"), Prediction.Errs.EITHER)
                .with("burstSize", b.size()).with("burstThroughputAtMost", most);
        return q;
    }

    /** How the queue model's caveat for a blocking queue fed by emits begins (it says such emits are lost). */
    private static final String QUEUE_MIXED_BLOCK = "approximation: the queue blocks, but its arrivals are not one"
            + " producer's own stream";
    /** What a stage outside the line model says instead: its upstream workers wait, nothing is lost. */
    static final String FALLBACK_HELD = "approximation: the stage blocks, and its arrivals are not one producer's own"
            + " stream: a worker upstream that finds it full holds its finished event until there is room (nothing is"
            + " lost), which this model of the stage alone leaves out; the held events' wait and the upstream"
            + " workers' hold are not in its figures, so waits err low upstream";

    /**
     * A stage with SEDA's thread pool runs between min and max threads, as its controller decides: the
     * prediction is the one with every thread running (M/M/max), and the same station with min threads
     * gives the other side. No exact model is known for the controlled pool (its size lags the queue by
     * the sampling period and the idle timeout).
     */
    private Prediction pooled(Prediction p, Network net) {
        StageSpec.Pool pool = s.pool();
        List<ConsumerSpec> r = topology.consumersOf(s.id());
        if (pool == null || r.size() != 1) {
            return p;
        }
        ConsumerSpec g = r.get(0);
        Flow in = net.inflowOf(s.id());
        Prediction min = new Station(in.rate(), in.renewal(), in.ca2(), pool.min(), g.service(), room(),
                block() ? Station.Full.BLOCK : Station.Full.REJECT).predict();
        Map<String, Object> low = new LinkedHashMap<>();
        low.put("model", min.model());
        low.put("throughput", min.throughput());
        low.put("L", min.L());
        low.put("W", min.W());
        if (min.figures().get("blockedFraction") instanceof Double b) {
            low.put("blockedFraction", b);
        } else {
            low.put("lossProbability", min.loss());
        }
        // Little's law on the busy threads: E[busy] = throughput · E[S], and a busy thread is a running one
        return p.approximate(String.format(Locale.ROOT, "approximation: SEDA's thread pool runs between %d and %d"
                        + " threads as its controller decides; predicted with all %d running, so waits and queue lengths"
                        + " err low and throughput high; withMinThreads is the same station with %d (the other side);"
                        + " threadsAtLeast = throughput · E[S] is Little's law on the busy threads (a running thread"
                        + " serves or waits, so the time-average threads are at least that at this throughput)", pool.min(),
                pool.max(), pool.max(), pool.min()), Prediction.Errs.EITHER)
                .with("withMinThreads", low)
                .with("threadsAtLeast", p.throughput() * g.service().mean());
    }

    @Override
    public double heldTime(Network net) {
        if (reader() == null) {
            return fallback.heldTime(net);
        }
        Prediction p = solve(net, 0, Double.NaN).station();
        // Little's law on the held place: P(K + 1) events held on average, passing at the throughput
        return p.figures().get("blockedFraction") instanceof Double b && p.throughput() > 0 ? b / p.throughput() : 0;
    }

    @Override
    public Map<String, Object> producerFigures(String producer, Network net) {
        if (reader() == null) {
            return fallback.producerFigures(producer, net);
        }
        Flow in = net.inflowOf(s.id());
        if (!producer.equals(in.soleProducer()) || !block()) {
            return Map.of();
        }
        Prediction p = solve(net, 0, Double.NaN).station();
        if (!(p.figures().get("producerThroughput") instanceof Double thr)) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", thr);
        m.put("blockedFraction", p.figures().get("blockedFraction"));
        m.put("blockProbability", p.figures().get("blockProbability"));
        m.put("model", p.model());
        m.put("exact", p.exact());
        m.put("reason", String.format(Locale.ROOT, "stage %s blocks when full: the producer holds the event and stops;"
                + " blockedFraction is the fraction of the time it is held (the chain's P(K+1), the held event being"
                + " place K+1), blockProbability the probability that an event it produces finds the stage full and"
                + " waits for room (P(K)/(1 − P(K+1)): it produces only while running)", s.id()));
        return m;
    }
}

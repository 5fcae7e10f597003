package dev.tributary.sim.element.queue;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.FailureLoad;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.HeterogeneousServers;
import dev.tributary.sim.theory.Interarrival;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Station;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A queue in the theory network: one station shared by every group reading it. Workers of one speed
 * make M/M/c, M/G/c, GI/M/c, M/M/c/K (reject, drop-oldest) or M/M/c/(K+1) (block); groups of
 * different speeds make a queue with heterogeneous servers, modelled with the rule the simulation
 * uses to pick an idle worker ({@link QueueStation}: the one that became idle last). Groups with
 * failures ({@link FailureLoad}) take the approximate path: one pool on the failure-adjusted rate
 * and service, labelled approximate where the exact models above no longer hold.
 */
final class QueueTheory implements Network.ChannelNode {

    private final QueueSpec q;
    private final Topology topology;
    /** The last station solved, for the inflow it was solved for (the passes ask again and again). */
    private Solved cache;

    /** A solved station: the queue's prediction and, for groups of different speeds, each group's figures. */
    private record Solved(double lambda, double ca2, String law, String producer, Prediction station,
                          HeterogeneousServers.Result mixed) {
    }

    QueueTheory(QueueSpec q, Topology topology) {
        this.q = q;
        this.topology = topology;
    }

    @Override
    public String id() {
        return q.id();
    }

    private List<ConsumerSpec> readers() {
        return topology.consumersOf(q.id());
    }

    private boolean mixedSpeeds() {
        List<ConsumerSpec> groups = readers();
        return groups.stream().anyMatch(g -> !g.service().equals(groups.get(0).service()));
    }

    @Override
    public Network.GroupLoad load(Network.Group c, Network net) {
        Flow in = net.inflowOf(q.id());
        Solved s = solved(in, net);
        Prediction station = s.station();
        List<ConsumerSpec> sharing = readers();
        int index = indexOf(c.id());
        double share;
        double throughput;
        if (s.mixed() != null) {
            throughput = s.mixed().groupThroughput()[index];
            share = s.mixed().throughput() == 0 ? 0 : throughput / s.mixed().throughput();
        } else {
            share = c.instances() / c.service().mean()
                    / sharing.stream().mapToDouble(x -> x.instances() / x.service().mean()).sum();
            throughput = station.throughput() * share;
        }
        Flow mine = in.scaled(share);
        FailureLoad failures = FailureLoad.of(c.id(), sharing, mine, topology);
        if (failures.any()) {
            // the station counts passes through the workers: what the group handles in the end
            return new Network.GroupLoad(mine, mine.rate(), throughput * failures.successPerPass(),
                    Network.departureCa2(station, c.service()), false, station);
        }
        boolean poissonOut = sharing.size() == 1 && Network.poissonDepartures(station);
        return new Network.GroupLoad(mine, mine.rate(), throughput, Network.departureCa2(station, c.service()),
                poissonOut, station);
    }

    private FailureLoad failures(Network.Group c, Network net) {
        return FailureLoad.of(c.id(), readers(), load(c, net).flow(), topology);
    }

    private boolean anyFailures() {
        return readers().stream().anyMatch(g -> FailureLoad.of(g, new Flow(), topology).any());
    }

    @Override
    public Map<String, Flow> sideFlows(Network.Group c, Network net) {
        Network.GroupLoad load = load(c, net);
        return FailureLoad.of(c.id(), readers(), load.flow(), topology).deadLetters(load.flow(), load.prediction());
    }

    @Override
    public double successW(Network.Group c, Network net, Prediction p) {
        return failures(c, net).successW(p, load(c, net).lambda());
    }

    @Override
    public Map<String, ElementPrediction> groupParts(Network.Group c, Network net) {
        return failures(c, net).stages(load(c, net).lambda());
    }

    private int indexOf(String group) {
        List<ConsumerSpec> groups = readers();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).id().equals(group)) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public Prediction sharedStation(Network net) {
        List<ConsumerSpec> groups = readers();
        return groups.isEmpty() ? null : solved(net.inflowOf(q.id()), net).station();
    }

    private Station.Full full(Flow in) {
        return switch (q.overflow()) {
            case REJECT -> Station.Full.REJECT;
            case DROP_OLDEST -> Station.Full.DROP_OLDEST;
            case BLOCK -> in.soleProducer() != null ? Station.Full.BLOCK : Station.Full.BLOCK_MIXED;
        };
    }

    private Solved solved(Flow in, Network net) {
        double lambda = in.rate();
        double ca2 = in.ca2();
        Interarrival law = in.renewal();
        String lawName = law == null ? null : law.kendall() + "@" + law.rate() + "/" + law.scv();
        String producer = in.soleProducer();
        if (cache != null && cache.lambda() == lambda && cache.ca2() == ca2 && java.util.Objects.equals(cache.law(), lawName)
                && java.util.Objects.equals(cache.producer(), producer)) {
            return cache;
        }
        cache = solve(in, lambda, ca2, law, net);
        cache = new Solved(lambda, ca2, lawName, producer, cache.station(), cache.mixed());
        return cache;
    }

    private Solved solve(Flow in, double lambda, double ca2, Interarrival law, Network net) {
        List<ConsumerSpec> groups = readers();
        int servers = groups.stream().mapToInt(ConsumerSpec::instances).sum();
        int waiting = q.bounded() ? q.capacity() : Integer.MAX_VALUE;
        Station.Full full = full(in);
        List<FailureLoad> failures = groups.stream().map(g -> FailureLoad.of(g, in, topology)).toList();
        if (failures.stream().anyMatch(FailureLoad::any)) {
            return new Solved(lambda, ca2, null, null, withFailures(in, groups, failures, servers, waiting, full), null);
        }
        if (!mixedSpeeds()) {
            Prediction p = new Station(lambda, law, ca2, servers, groups.get(0).service(), waiting, full).predict();
            if (!q.bounded() && groups.size() == 1) {
                p = bursts(p, lambda, servers, groups.get(0).service(), net);
            }
            return new Solved(lambda, ca2, null, null, p, null);
        }
        return new Solved(lambda, ca2, null, null, mixed(in, lambda, ca2, law, servers, waiting, full), mixedResult);
    }

    /**
     * An unbounded queue whose only feeder sends simultaneous bursts (a window's aggregates, B at each
     * close, every A): one arrival at a time, even with the bursts' ca², says far too little wait. If a
     * burst drains before the next ((B − c)·E[S]/c + E[S] < A), the k-th event of a burst waits for k − c
     * departures of c busy workers, (k − c)·E[S]/c (exact for one worker whatever the service law, and for
     * c workers with exponential service, which is memoryless), so over the burst
     * Wq = (E[S]/c)·(B − c)(B − c + 1)/(2B) for B > c, else 0. The number of keys with events, B, varies
     * around its mean and the per-event wait is convex in B, so the model errs low; it is labelled so.
     */
    private Prediction bursts(Prediction p, double lambda, int c, Distribution service, Network net) {
        if (!topology.soleForwarded(q.id()) || !(lambda > 0)) {
            return p;
        }
        Network.Batches b = net.batchesInto(q.id());
        double es = service.mean();
        boolean exponential = Math.abs(service.scv() - 1) < 1e-9;
        if (b == null || b.size() < 1 || !(es > 0) || (c > 1 && !exponential)
                || !(Math.max(0, b.size() - c) * es / c + es < b.every())) {
            return p;
        }
        double n = b.size();
        double wq = n > c ? es / c * (n - c) * (n - c + 1) / (2 * n) : 0;
        double w = wq + es;
        String why = String.format(Locale.ROOT, "%d worker%s fed in simultaneous bursts of about %.4g every %.4g s (a"
                + " window's aggregates at its close), each drained before the next: the k-th event of a burst waits"
                + " for k − %d departures, Wq = (E[S]/c)·(B − c)(B − c + 1)/(2B)", c, c == 1 ? "" : "s", n, b.every(), c);
        Prediction burst = new Prediction("bursts of " + Network.fmt(n) + "/M/" + c, why, false, List.of(), lambda,
                1 / es, c, lambda * es / c, lambda * w, lambda * wq, w, wq, n > c ? (n - c) / n : 0, 0, lambda, true, 0,
                lambda * es / c, null, Map.of());
        return burst.approximate(String.format(Locale.ROOT, "approximation (burst model): exact for bursts of exactly"
                        + " %.4g that find the queue empty; the number of keys with events varies and the wait is convex in"
                        + " it, so the wait errs low; one arrival at a time would say W = %.4g s", n, p.W()),
                Prediction.Errs.LOW).with("burstSize", n);
    }

    /**
     * Groups with failures: one pool offered the failure-adjusted rate (requeued attempts join the
     * line) with the failure-adjusted service per pass (blocking retries hold their worker). The
     * exact models (GI/M/c, mixed speeds, blocking and drop-oldest buffers) do not carry over: the
     * retried attempts are not the producers' renewal flow, so this is the approximate path, labelled so.
     */
    private Prediction withFailures(Flow in, List<ConsumerSpec> groups, List<FailureLoad> failures, int servers,
                                    int waiting, Station.Full full) {
        List<Distribution> services = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            services.add(failures.get(i).service(groups.get(i).service()));
        }
        Distribution service = services.get(0);
        List<String> caveats = new ArrayList<>();
        if (services.stream().anyMatch(x -> !x.equals(services.get(0)))) {
            double mean = java.util.stream.IntStream.range(0, groups.size())
                    .mapToDouble(i -> groups.get(i).instances() * services.get(i).mean()).sum() / servers;
            service = new Exponential(mean);
            caveats.add("workers of different groups have different service times and the groups have failures:"
                    + " modelled as one pool with their mean (the exact mixed-speed chain does not include retries)");
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
        for (FailureLoad f : failures) {
            f.caveats().stream().filter(x -> !caveats.contains(x)).forEach(caveats::add);
        }
        String failureReason = "";
        FailureLoad first = failures.stream().filter(FailureLoad::any).findFirst().orElse(FailureLoad.NONE);
        failureReason = first.reason(in.rate());
        if (groups.size() > 1) {
            caveats.add("failures of several groups on one queue: each group's retries are weighted by its share of the capacity");
        }
        Interarrival law = in.renewal();
        if (law != null && !law.poisson() && !Double.isNaN(in.ca2())) {
            caveats.add("failures: the exact GI/M/c for renewal arrivals does not include retried attempts; the line is"
                    + " modelled with the arrivals' ca² only");
        }
        Prediction p = new Station(rate, in.ca2(), servers, service, waiting).predict();
        if (!failureReason.isEmpty()) {
            p = p.relabel(p.model(), p.reason() + failureReason, List.of());
        }
        if (q.bounded() && full != Station.Full.REJECT) {
            caveats.add("failures: a full queue that " + (full == Station.Full.DROP_OLDEST ? "drops its oldest event"
                    : "blocks its producer") + " is modelled as if it rejected the newcomer (M/M/c/K's counts)");
        }
        return caveats.isEmpty() ? p : p.relabel(p.model(), p.reason(), caveats);
    }

    /** Scratch: the heterogeneous result of the last {@link #mixed} call. */
    private HeterogeneousServers.Result mixedResult;

    /** Groups of different speeds: the idle-stack chain (exact for Poisson arrivals and exponential service). */
    private Prediction mixed(Flow in, double lambda, double ca2, Interarrival law, int servers, int waiting,
                             Station.Full full) {
        List<ConsumerSpec> groups = readers();
        int[] count = groups.stream().mapToInt(ConsumerSpec::instances).toArray();
        double[] mu = groups.stream().mapToDouble(g -> 1 / g.service().mean()).toArray();
        double capacity = 0;
        for (int g = 0; g < count.length; g++) {
            capacity += count[g] * mu[g];
        }
        mixedResult = null;
        String names = String.join(", ", groups.stream().map(g -> g.instances() + " of " + g.id() + " at "
                + Network.fmt(g.service().mean()) + " s").toList());
        if (!q.bounded() && lambda >= capacity) {
            double meanMu = capacity / servers;
            return new Prediction("M/M/" + servers + " (mixed speeds)", String.format(Locale.ROOT,
                    "workers of different speeds (%s) can serve at most Σcμ = %.4g/s; offered %.4g/s is more: no steady"
                            + " state, the backlog grows by %.4g events per second", names, capacity, lambda,
                    lambda - capacity), true, List.of(), lambda, meanMu, servers, 1, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0, capacity, false,
                    lambda - capacity);
        }
        HeterogeneousServers.Result r = (lambda > 0) ? HeterogeneousServers.solve(count, mu, lambda, waiting) : null;
        String name = (law == null ? "G" : law.kendall()) + "/M/" + servers + (q.bounded() ? "/" + (servers + waiting) : "")
                + " (mixed speeds)";
        if (r == null) {
            // too many stack orders even for the fallback: one pool with the mean service time
            double mean = groups.stream().mapToDouble(g -> g.instances() * g.service().mean()).sum() / servers;
            Prediction p = new Station(lambda, law, ca2, servers, new Exponential(mean), waiting, Station.Full.REJECT)
                    .predict();
            return p.named(name, "workers of different speeds (" + names + "), too many to model their idle order:"
                    + " one pool with their mean service time").approximate("approximation: one pool at the mean"
                    + " service time; the faster workers take more of the work than this assumes, so it errs high",
                    Prediction.Errs.HIGH);
        }
        mixedResult = r;
        double meanMu = r.throughput() == 0 ? capacity / servers : capacity / servers;
        Prediction p = new Prediction(name, "workers of different speeds (" + names + ") on one FIFO queue; an event that"
                + " finds idle workers takes the one that became idle last (as the simulation does), so the state is the"
                + " order of the idle workers: a Markov chain solved exactly, and a waiting event goes to whichever"
                + " worker finishes first", true, List.of(), lambda, meanMu, servers, r.utilization(), r.L(), r.Lq(),
                r.W(), r.Wq(), r.pWait(), r.loss(), r.throughput(), true, 0);
        if (!r.exactRule()) {
            p = p.approximate("approximation: too many idle orders to follow the last-idle rule; an idle worker is"
                    + " taken at random instead, no known error direction", Prediction.Errs.EITHER);
        }
        if (groups.stream().anyMatch(g -> !g.service().kendall().equals("M"))) {
            boolean lessVariable = groups.stream().allMatch(g -> g.service().scv() <= 1);
            p = p.approximate("approximation: some service is not exponential; the chain uses exponential service with"
                    + " each group's mean, so waits err " + (lessVariable ? "high" : "either way")
                    + " and each group's share is approximate", lessVariable ? Prediction.Errs.HIGH : Prediction.Errs.EITHER);
        }
        if (law == null || !law.poisson()) {
            p = p.approximate(String.format(Locale.ROOT, "approximation: arrivals are not Poisson (ca² = %.2f); the chain"
                    + " assumes Poisson at the same rate", ca2), ca2 < 1 ? Prediction.Errs.HIGH : Prediction.Errs.LOW);
        }
        if (q.bounded() && full != Station.Full.REJECT) {
            p = p.approximate("approximation: a full queue " + (full == Station.Full.DROP_OLDEST ? "drops its oldest"
                    + " event" : "blocks") + ", modelled as if it rejected the newcomer", Prediction.Errs.EITHER);
        }
        return p;
    }

    private Prediction overload(Prediction p, Network net) {
        Prediction o = net.overRun(p);
        if (o != p && anyFailures()) {
            o = o.approximate("approximation: with failures, the figures over the run treat every attempt as a fresh"
                    + " arrival at the line", Prediction.Errs.EITHER);
        }
        return o;
    }

    @Override
    public ElementPrediction channel(Network net) {
        Flow in = net.inflowOf(q.id());
        Map<String, Object> extra = new LinkedHashMap<>();
        if (readers().isEmpty()) {
            double rate = in.rate();
            extra.put("model", "no consumers");
            extra.put("reason", rate == 0 ? "nothing reads this queue and nothing arrives: it stays empty"
                    : "nothing reads this queue: it grows by λ = " + Network.fmt(rate) + " events per second");
            // what a faulted group dead-letters (or a redrive moves) is a transient the steady state does not see
            boolean faulted = topology.faulted(q.id());
            extra.put("exact", !faulted);
            if (faulted) {
                extra.put("caveats", List.of("faults upstream (fail, slow, redrive) make the run a transient: the prediction is the steady state without them"));
            }
            extra.put("stable", rate == 0);
            extra.put("throughput", 0.0);
            extra.put("utilization", 0.0);
            if (rate > 0) {
                extra.put("growthRate", rate);
                if (net.horizon().finite()) {
                    extra.put("backlog", rate * net.horizon().to());
                }
            } else {
                extra.put("L", 0.0);
                extra.put("idle", true);
            }
            return new ElementPrediction(q.id(), "queue", null, extra);
        }
        Prediction p = overload(solved(in, net).station(), net);
        if (p.stable() && !p.figures().containsKey("backlog")) {
            p = p.with("backlog", p.L());
        }
        return new ElementPrediction(q.id(), "queue", p, extra);
    }

    @Override
    public ElementPrediction group(Network.Group c, Network net) {
        Map<String, Object> extra = new LinkedHashMap<>();
        Solved s = solved(net.inflowOf(q.id()), net);
        if (readers().size() > 1) {
            Network.GroupLoad load = load(c, net);
            Prediction st = overload(s.station(), net);
            extra.put("model", "shares " + q.id());
            extra.put("exact", st.exact() && s.mixed() != null);
            extra.put("stable", st.stable());
            extra.put("throughput", st.stable() ? load.throughput() : st.throughput() * load.throughput()
                    / Math.max(1e-300, s.station().throughput()));
            if (s.mixed() != null) {
                int i = indexOf(c.id());
                extra.put("reason", "competes with the other groups on queue " + q.id() + " (" + st.model()
                        + "): it serves the waiting events it finishes first; see the queue for the shared line");
                extra.put("utilization", s.mixed().groupUtilization()[i]);
                extra.put("W", s.mixed().groupW()[i]);
                extra.put("Wq", s.mixed().groupWq()[i]);
                if (!st.exact()) {
                    extra.put("errs", st.errs() == null ? Prediction.Errs.EITHER : st.errs());
                }
            } else {
                extra.put("reason", "competes with the other groups on queue " + q.id()
                        + "; see the queue's prediction for the shared line");
                if (st.stable()) {
                    extra.put("utilization", st.utilization());
                    extra.put("W", st.W());
                    extra.put("Wq", st.Wq());
                }
            }
            failureFigures(c, net, load, extra);
            return new ElementPrediction(c.id(), "consumer-group", null, extra);
        }
        Prediction p = overload(s.station(), net);
        if (p.stable()) {
            extra.put("lag", p.L());
            p = p.with("backlog", p.L());
        } else if (p.figures().get("L") instanceof Double l) {
            extra.put("lag", l);
        }
        failureFigures(c, net, load(c, net), extra);
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }

    private void failureFigures(Network.Group c, Network net, Network.GroupLoad load, Map<String, Object> extra) {
        FailureLoad f = failures(c, net);
        if (f.any()) {
            double lambda = load.lambda();
            f.figures(extra, lambda, load.prediction(), pf -> f.rho(pf, lambda, c.instances(), lambda, c.service()));
        }
    }

    @Override
    public double heldTime(Network net) {
        if (readers().isEmpty()) {
            return 0;
        }
        Prediction p = solved(net.inflowOf(q.id()), net).station();
        // Little's law on the held place: P(K + 1) events held on average, passing at the throughput
        return p.figures().get("blockedFraction") instanceof Double b && p.throughput() > 0 ? b / p.throughput() : 0;
    }

    @Override
    public Map<String, Object> producerFigures(String producer, Network net) {
        Flow in = net.inflowOf(q.id());
        if (readers().isEmpty() || !producer.equals(in.soleProducer())) {
            return Map.of();
        }
        Prediction p = solved(in, net).station();
        if (!(p.figures().get("producerThroughput") instanceof Double thr)) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", thr);
        m.put("blockedFraction", p.figures().get("blockedFraction"));
        m.put("blockProbability", p.figures().get("blockProbability"));
        m.put("model", p.model());
        m.put("exact", p.exact());
        m.put("reason", "its queue " + q.id() + " blocks when full: the producer holds the event and stops, a fraction"
                + " P(K+1) of the time");
        return m;
    }

    /** The service law of a group (for reasons). */
    static String law(Distribution d) {
        return d.describe();
    }
}

package dev.tributary.sim.element.stream;

import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.element.FailureLoad;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Interarrival;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.RoutedServer;
import dev.tributary.sim.theory.Station;
import dev.tributary.sim.value.KeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A stream in the theory network: each group is as many separate single-server queues as it has
 * active members, each fed by its partitions. How a member's arrivals are spaced depends on the
 * partitioner:
 *
 * <ul>
 *   <li>key-hash of keyed events: each event's key is drawn independently, so a member gets an
 *       independent random share of the arrivals (a thinning): a renewal source stays renewal,
 *       Poisson stays Poisson, and GI/M/1 or M/G/1 is exact;</li>
 *   <li>round-robin: a member owning every d-th partition gets every d-th event, a renewal process
 *       with d gaps added up (Erlang-d from Poisson): GI/M/1 again; other sets of partitions give a
 *       fixed cycle, solved by {@link RoutedServer#roundRobin};</li>
 *   <li>sticky, and key-hash of unkeyed events (which goes sticky, as Kafka does): batches of B
 *       consecutive events per partition, solved by {@link RoutedServer#sticky}: far burstier than
 *       Poisson.</li>
 * </ul>
 *
 * A group with failures ({@link FailureLoad}) has each member serve the failure-adjusted service
 * (blocking retries hold the member); its members then take the approximate path (Station with
 * the arrivals' rate and ca², no exact sticky or round-robin chain), labelled so.
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

    @Override
    public boolean copies() {
        return true;
    }

    private StreamOptions options(Network.Group c) {
        return topology.consumersOf(s.id()).stream().filter(x -> x.id().equals(c.id())).findFirst()
                .map(StreamOptions::of).orElse(StreamOptions.DEFAULT);
    }

    /** How one member's arrivals are described. */
    private enum Kind {
        /** A renewal process with a known gap law: exact formulas. */
        RENEWAL,
        /** Only the rate and a QNA ca² are known: approximate. */
        QNA,
        /** Sticky batches over a renewal source. */
        STICKY,
        /** A fixed round-robin cycle over a renewal source. */
        CYCLE
    }

    /** One member's arrivals. */
    private record Arrivals(double rate, Kind kind, Interarrival law, double ca2, boolean[] mine, int owned,
                            String note) {
    }

    /** One member's prediction and its per-partition waits (null where the member's own applies). */
    private record Member(Prediction p, double[] partitionWq, boolean retentionBound, DoubleUnaryOperator tail) {
    }

    @Override
    public Network.GroupLoad load(Network.Group c, Network net) {
        Flow in = net.inflowOf(s.id());
        Prediction p = streamLoad(c, in, net, false);
        FailureLoad f = failures(c, in);
        if (f.any()) {
            return new Network.GroupLoad(in, in.rate(), p.throughput() * f.successPerPass(),
                    Network.departureCa2(p, c.service()), false, p);
        }
        boolean poissonOut = p.stable() && p.exact() && p.model().endsWith("M/M/1") && !p.model().contains("P/")
                && in.renewal() != null && in.renewal().poisson() && memberArrivalsPoisson(c, in, net);
        return new Network.GroupLoad(in, in.rate(), p.throughput(), Network.departureCa2(p, c.service()), poissonOut, p);
    }

    private FailureLoad failures(Network.Group c, Flow in) {
        return FailureLoad.of(c.id(), topology.consumersOf(s.id()), in, topology);
    }

    @Override
    public Map<String, Flow> sideFlows(Network.Group c, Network net) {
        Flow in = net.inflowOf(s.id());
        FailureLoad f = failures(c, in);
        return f.any() ? f.deadLetters(in, streamLoad(c, in, net, false)) : Map.of();
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

    private boolean memberArrivalsPoisson(Network.Group c, Flow in, Network net) {
        for (Arrivals a : arrivals(c, in, net)) {
            if (a != null && (a.kind() != Kind.RENEWAL || !a.law().poisson())) {
                return false;
            }
        }
        return true;
    }

    /** Each member's arrivals (null for a member without partitions). */
    private Arrivals[] arrivals(Network.Group c, Flow in, Network net) {
        double[] partRate = partitionRates(in, net);
        int n = c.instances();
        int parts = s.partitions();
        int[][] assignment = options(c).assignment().assign(parts, n);
        double lambda = in.rate();
        Interarrival source = in.renewal();
        boolean keyed = !in.parts.isEmpty() && in.parts.stream().allMatch(p -> p.keys().count() > 0);
        boolean unkeyed = in.parts.stream().allMatch(p -> p.keys().count() == 0);
        Arrivals[] out = new Arrivals[n];
        for (int m = 0; m < n; m++) {
            int[] mineParts = assignment[m];
            if (mineParts.length == 0) {
                continue;
            }
            double rate = 0;
            for (int p : mineParts) {
                rate += partRate[p];
            }
            double share = lambda == 0 ? 0 : rate / lambda;
            double qnaCa2 = share * in.ca2() + 1 - share;
            boolean all = mineParts.length == parts;
            StreamSpec.Partitioner how = s.partitioner();
            if (all || parts == 1) {
                out[m] = source != null ? new Arrivals(rate, Kind.RENEWAL, source, source.scv(), null, mineParts.length, null)
                        : new Arrivals(rate, Kind.QNA, null, in.ca2(), null, mineParts.length, null);
                continue;
            }
            if (how == StreamSpec.Partitioner.KEY_HASH && keyed) {
                out[m] = source != null
                        ? new Arrivals(rate, Kind.RENEWAL, source.thinned(share), share * source.scv() + 1 - share, null,
                        mineParts.length, null)
                        : new Arrivals(rate, Kind.QNA, null, qnaCa2, null, mineParts.length, null);
            } else if (how == StreamSpec.Partitioner.ROUND_ROBIN) {
                int d = parts / mineParts.length;
                if (source == null) {
                    out[m] = new Arrivals(rate, Kind.QNA, null, in.ca2() / d, null, mineParts.length,
                            "round-robin over a flow that is not a renewal process: approximation");
                } else if (arithmetic(mineParts, parts)) {
                    out[m] = new Arrivals(rate, Kind.RENEWAL, source.every(d), source.scv() / d, null, mineParts.length, null);
                } else {
                    boolean[] mine = new boolean[parts];
                    for (int p : mineParts) {
                        mine[p] = true;
                    }
                    out[m] = new Arrivals(rate, Kind.CYCLE, source, source.scv() / d, mine, mineParts.length, null);
                }
            } else if (how == StreamSpec.Partitioner.STICKY || unkeyed) {
                out[m] = source != null ? new Arrivals(rate, Kind.STICKY, source, Double.NaN, null, mineParts.length, null)
                        : new Arrivals(rate, Kind.QNA, null, qnaCa2, null, mineParts.length,
                        "sticky batches of a flow that is not a renewal process: approximation, far burstier than this");
            } else {
                out[m] = new Arrivals(rate, Kind.QNA, null, qnaCa2, null, mineParts.length,
                        "some events are keyed and some are not (those go to partitions in sticky batches): approximation");
            }
        }
        return out;
    }

    /** Whether the partitions are {r, r + d, r + 2d, …} covering every d-th position (d = P / count). */
    private static boolean arithmetic(int[] mine, int parts) {
        if (parts % mine.length != 0) {
            return false;
        }
        int d = parts / mine.length;
        int[] sorted = mine.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] - sorted[i - 1] != d) {
                return false;
            }
        }
        return true;
    }

    private Member member(Arrivals a, Network.Group c, boolean full, Network net, Distribution service,
                          boolean failing) {
        double mean = service.mean();
        double mu = 1 / mean;
        boolean expService = c.service().kendall().equals("M");
        if (a.rate() >= mu) {
            return unstableMember(a, c, full, net, service);
        }
        if (failing) {
            // failures: the member serves the failure-adjusted service (retries and backoffs held); the exact
            // renewal, sticky and round-robin solutions do not include them, so only Poisson thinning stays exact
            boolean poisson = a.kind() == Kind.RENEWAL && a.law().poisson();
            double ca2 = a.kind() == Kind.STICKY ? s.stickyBatch() : Double.isNaN(a.ca2()) ? 1 : a.ca2();
            Prediction p = new Station(a.rate(), poisson ? a.law() : null, poisson ? 1 : ca2, 1, service,
                    Integer.MAX_VALUE, Station.Full.REJECT).predict();
            if (!poisson) {
                p = p.approximate("approximation: with failures, the member's arrivals (" + a.kind().name().toLowerCase(Locale.ROOT)
                        + ") are described by their rate and ca² only", Prediction.Errs.EITHER);
            }
            if (a.note() != null) {
                p = p.approximate(a.note(), Prediction.Errs.EITHER);
            }
            DoubleUnaryOperator tail = p.exact() && service.equals(c.service())
                    && p.figures().get(Network.TAIL) instanceof DoubleUnaryOperator t ? t : null;
            return new Member(p, null, false, tail);
        }
        if (a.kind() == Kind.RENEWAL || a.kind() == Kind.QNA || !full) {
            Interarrival law = a.kind() == Kind.RENEWAL ? a.law() : null;
            double ca2 = a.kind() == Kind.STICKY ? s.stickyBatch() : Double.isNaN(a.ca2()) ? 1 : a.ca2();
            Prediction p = new Station(a.rate(), law, ca2, 1, c.service(), Integer.MAX_VALUE, Station.Full.REJECT).predict();
            if (a.note() != null) {
                p = p.approximate(a.note(), Prediction.Errs.EITHER);
            }
            DoubleUnaryOperator tail = p.exact() && p.figures().get(Network.TAIL) instanceof DoubleUnaryOperator t ? t : null;
            return new Member(p, null, false, tail);
        }
        RoutedServer.Result r = a.kind() == Kind.STICKY
                ? RoutedServer.sticky(a.law(), mu, s.stickyBatch(), s.partitions(), a.owned())
                : RoutedServer.roundRobin(a.law(), mu, a.mine());
        String letter = a.law().poisson() ? "MAP" : "SM";
        String name = letter + "/" + c.service().kendall() + "/1";
        if (r == null) {
            Prediction p = new Station(a.rate(), null, a.kind() == Kind.STICKY ? Math.max(1, s.stickyBatch()) : a.ca2(), 1,
                    c.service(), Integer.MAX_VALUE, Station.Full.REJECT).predict();
            return new Member(p.approximate("the " + (a.kind() == Kind.STICKY ? "sticky batches" : "round-robin cycle")
                    + " could not be solved exactly within the work budget: Allen–Cunneen with a rough ca²",
                    Prediction.Errs.EITHER), null, false, null);
        }
        String reason = a.kind() == Kind.STICKY
                ? "the partitioner sends batches of " + s.stickyBatch() + " consecutive events to one partition, then"
                + " another chosen at random: each member gets bursts at the full rate; the queue observed at each"
                + " event is a Markov chain (batch state, number in system), solved exactly"
                : "round-robin gives this member a fixed pattern of the events (not every d-th), so its gaps alternate;"
                + " the queue observed at each event is a Markov chain (position in the cycle, number in system), solved"
                + " exactly";
        Prediction p = new Prediction(name, reason, true, List.of(), a.rate(), mu, 1, a.rate() * mean, r.l(), r.l()
                - a.rate() * mean, r.w(), r.wq(), r.pWait(), 0, a.rate(), true, 0);
        if (!expService) {
            boolean nbue = c.service().scv() <= 1 && !c.service().kendall().equals("G");
            p = p.approximate(String.format(Locale.ROOT, "approximation: solved with exponential service of the same"
                    + " mean; the real service (cs² = %.2f) %s", c.service().scv(), nbue
                    ? "is less variable (NBUE), so this is an upper bound on the wait (Lindley's recursion is increasing"
                    + " and convex in the service times)" : "may make waits longer or shorter"),
                    nbue ? Prediction.Errs.HIGH : Prediction.Errs.EITHER);
        }
        double[] classWq = r.classWq();
        return new Member(p, classWq, false, null);
    }

    /** A member offered more than it can handle: retention bounds its lag, or it grows over the run. */
    private Member unstableMember(Arrivals a, Network.Group c, boolean full, Network net, Distribution service) {
        double mean = service.mean();
        double mu = 1 / mean;
        String name = (a.kind() == Kind.RENEWAL ? a.law().kendall() : a.kind() == Kind.QNA ? "G" : a.law().poisson()
                ? "MAP" : "SM") + "/" + c.service().kendall() + "/1";
        double r = s.retention();
        boolean expires = net.horizon().finite() ? r < net.horizon().to() : r < Double.POSITIVE_INFINITY;
        if (expires) {
            // records the member cannot reach are deleted after the retention: it reads records about R old
            double lag = a.rate() * r;
            Prediction p = new Prediction(name, String.format(Locale.ROOT, "offered %.4g/s, it handles at most %.4g/s;"
                            + " retention (%s) deletes the records nobody read in time, so the lag stops growing at about"
                            + " λ·retention = %.4g records and %.4g records per second expire unread", a.rate(), mu,
                    dev.tributary.sim.value.Durations.format(r), lag, a.rate() - mu), false, List.of(), a.rate(), mu, 1, 1,
                    lag, lag - 1, r, r - mean, 1, 0, mu, true, 0)
                    .with("expiredRate", a.rate() - mu)
                    .approximate("approximation: the member reads records just before they expire, so the lag is about"
                            + " λ·retention and the time in system about the retention; both err slightly high",
                            Prediction.Errs.HIGH);
            return new Member(p, null, true, null);
        }
        Prediction p = new Station(a.rate(), a.kind() == Kind.RENEWAL ? a.law() : Interarrival.poissonAt(a.rate()), 1, 1,
                service, Integer.MAX_VALUE, Station.Full.REJECT).predict().named(name, String.format(Locale.ROOT,
                "offered %.4g/s, it handles at most %.4g/s: no steady state, its lag grows by %.4g per second",
                a.rate(), mu, a.rate() - mu));
        return new Member(full ? net.overRun(p) : p, null, false, null);
    }

    private Prediction streamLoad(Network.Group c, Flow in, Network net, boolean full) {
        return predictGroup(c, in, net, full, null);
    }

    /** The group's prediction; fills {@code partitions} with per-partition W and lag when given. */
    private Prediction predictGroup(Network.Group c, Flow in, Network net, boolean full, Map<String, Object> partitions) {
        double[] partRate = partitionRates(in, net);
        int n = c.instances();
        int[][] assignment = options(c).assignment().assign(s.partitions(), n);
        Arrivals[] arr = arrivals(c, in, net);
        double lambda = in.rate();
        // failures change the time a member spends on each record (blocking retries, failed attempts)
        FailureLoad failures = failures(c, in);
        Distribution service = failures.service(c.service());
        double mean = service.mean();
        double mu = 1 / mean;
        double l = 0;
        double lq = 0;
        double wSum = 0;
        double wqSum = 0;
        double busy = 0;
        double thr = 0;
        double growth = 0;
        double backlog = 0;
        double expired = 0;
        boolean stable = true;
        boolean exact = true;
        boolean windowed = true;
        boolean retention = false;
        String errs = null;
        int active = 0;
        double maxRho = 0;
        Map<String, Integer> models = new LinkedHashMap<>();
        List<String> caveats = new ArrayList<>();
        List<DoubleUnaryOperator> tails = new ArrayList<>();
        List<Double> tailWeights = new ArrayList<>();
        boolean allTails = true;
        for (int m = 0; m < n; m++) {
            if (arr[m] == null) {
                continue;
            }
            active++;
            Member mem = member(arr[m], c, full, net, service, failures.any());
            Prediction pm = mem.p();
            models.merge(pm.model(), 1, Integer::sum);
            exact &= pm.exact();
            if (!pm.exact()) {
                errs = errs == null ? pm.errs() : errs.equals(pm.errs()) ? errs : Prediction.Errs.EITHER;
            }
            for (String cv : pm.caveats()) {
                if (!caveats.contains(cv)) {
                    caveats.add(cv);
                }
            }
            maxRho = Math.max(maxRho, arr[m].rate() * mean);
            retention |= mem.retentionBound();
            if (pm.figures().get("expiredRate") instanceof Double e) {
                expired += e;
            }
            double lm;
            double wm;
            double wqm;
            if (pm.stable()) {
                lm = pm.L();
                wm = pm.W();
                wqm = pm.Wq();
                backlog += lm;
                if (mem.tail() != null && arr[m].rate() > 0) {
                    tails.add(mem.tail());
                    tailWeights.add(arr[m].rate());
                } else if (arr[m].rate() > 0) {
                    allTails = false;
                }
            } else {
                stable = false;
                growth += pm.growthRate();
                allTails = false;
                if (pm.figures().get("L") instanceof Double wl && pm.figures().get("W") instanceof Double ww) {
                    lm = wl;
                    wm = ww;
                    wqm = (Double) pm.figures().get("Wq");
                    backlog += (Double) pm.figures().get("backlog");
                } else {
                    windowed = false;
                    lm = Double.POSITIVE_INFINITY;
                    wm = Double.POSITIVE_INFINITY;
                    wqm = Double.POSITIVE_INFINITY;
                }
            }
            l += lm;
            lq += lm - pm.utilization();
            busy += pm.utilization();
            thr += pm.throughput();
            wSum += pm.throughput() * wm;
            wqSum += pm.throughput() * wqm;
            if (partitions != null) {
                int rank = 0;
                for (int p : assignment[m]) {
                    Map<String, Object> pp = new LinkedHashMap<>();
                    double pr = partRate[p];
                    if (pr <= 0) {
                        pp.put("lag", 0.0);
                        pp.put("idle", true);
                    } else if (Double.isFinite(wm)) {
                        double wp = mem.partitionWq() != null ? mem.partitionWq()[rank] + mean : wm;
                        pp.put("W", wp);
                        pp.put("lag", pm.stable() ? pr * wp : lm * pr / arr[m].rate());
                    }
                    partitions.put(Integer.toString(p), pp);
                    rank++;
                }
            }
        }
        double meanRho = active == 0 ? 0 : lambda * mean / active;
        if (active > 1 && in.parts.stream().anyMatch(p -> p.keys() instanceof KeySpec.ZipfKeys)
                && s.partitioner() == StreamSpec.Partitioner.KEY_HASH) {
            caveats.add(String.format(Locale.ROOT, "keys are Zipf-skewed: the busiest member runs at ρ = %.2f against %.2f on"
                    + " average", maxRho, meanRho));
        }
        if (c.startsLate()) {
            caveats.add("approximation: the group starts late or at another offset: the start is a transient (it works"
                    + " off a backlog first), the prediction is the steady state, so it errs low");
            exact = false;
            errs = errs == null ? Prediction.Errs.LOW : errs.equals(Prediction.Errs.LOW) ? errs : Prediction.Errs.EITHER;
        }
        String kendall = models.isEmpty() ? "M/" + c.service().kendall() + "/1"
                : models.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String name = active + " × " + kendall;
        String reason = String.format(Locale.ROOT,
                "a stream with %d partition%s and %d consumer%s is %d separate queue%s (one per active member), each fed by "
                        + "its partitions' events%s%s; busiest member ρ = %.3f",
                s.partitions(), s.partitions() == 1 ? "" : "s", n, n == 1 ? "" : "s", active, active == 1 ? "" : "s",
                arrivalsReason(arr), n > s.partitions() ? "; " + (n - s.partitions()) + " member"
                        + (n - s.partitions() == 1 ? " stays" : "s stay") + " idle" : "", maxRho);
        if (lambda == 0) {
            reason = "no events arrive: every member stays idle";
        }
        double w = thr > 0 ? wSum / thr : mean;
        double wq = thr > 0 ? wqSum / thr : 0;
        boolean reportable = stable || windowed;
        Prediction p = new Prediction(name, reason, exact, caveats, lambda, mu, n, n == 0 ? 0 : busy / n,
                stable ? l : Double.POSITIVE_INFINITY, stable ? lq : Double.POSITIVE_INFINITY,
                stable ? w : Double.POSITIVE_INFINITY, stable ? wq : Double.POSITIVE_INFINITY, Double.NaN, 0, thr, stable,
                growth, active == 0 ? Double.NaN : lambda * mean / active, exact ? null : errs == null
                ? Prediction.Errs.EITHER : errs, Map.of());
        if (!stable && reportable) {
            p = p.with("L", l).with("Lq", lq).with("W", w).with("Wq", wq);
        }
        if (reportable) {
            p = p.with("backlog", backlog);
        }
        if (retention) {
            p = p.with("expiredRate", expired);
        }
        if (lambda == 0) {
            p = p.with("idle", true);
        }
        if (failures.any()) {
            p = p.relabel(name, reason + failures.reason(lambda), failures.caveats());
        }
        // with failures that change the service (blocking retries, failed attempts' cost) the members' exact
        // sojourn laws are not known (the carrier law has only the right mean and SCV): no percentiles
        if (stable && lambda > 0 && allTails && !tails.isEmpty() && service.equals(c.service())) {
            // the group's time in system is the mixture of its members' exact sojourn laws
            double total = tailWeights.stream().mapToDouble(Double::doubleValue).sum();
            List<DoubleUnaryOperator> ts = List.copyOf(tails);
            List<Double> ws = List.copyOf(tailWeights);
            p = p.with(Network.TAIL, (DoubleUnaryOperator) t -> {
                double tail = 0;
                for (int i = 0; i < ts.size(); i++) {
                    tail += ws.get(i) / total * ts.get(i).applyAsDouble(t);
                }
                return tail;
            });
        }
        return p;
    }

    private String arrivalsReason(Arrivals[] arr) {
        for (Arrivals a : arr) {
            if (a == null) {
                continue;
            }
            return switch (a.kind()) {
                case RENEWAL -> a.law().poisson() ? " (a random share of Poisson arrivals is Poisson)"
                        : " (" + a.law().kendall() + " gaps: " + (s.partitioner() == StreamSpec.Partitioner.ROUND_ROBIN
                        ? "round-robin takes every " + (s.partitions() / Math.max(1, a.owned())) + "th event"
                        : "a random share of a renewal process is renewal") + ")";
                case STICKY -> " (sticky batches of " + s.stickyBatch() + ")";
                case CYCLE -> " (a fixed round-robin pattern)";
                case QNA -> "";
            };
        }
        return "";
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
        boolean faulted = topology.faulted(s.id());
        extra.put("exact", !faulted);
        if (faulted) {
            extra.put("caveats", List.of("faults upstream (fail, slow, redrive) make the run a transient: the prediction is the steady state without them"));
        }
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
                    + "rate is the share of the key traffic its keys carry; unkeyed events go in sticky batches of "
                    + s.stickyBatch();
            case ROUND_ROBIN -> "round-robin: partitions take turns, each gets 1/" + s.partitions() + " of the rate";
            case STICKY -> "sticky: batches of " + s.stickyBatch() + " go to one partition, on average 1/" + s.partitions()
                    + " of the rate each";
        };
    }

    /** Committed lag, re-deliveries per crash, orphan time and the survivors' load (issue #11's theory). */
    private void dynamics(Network.Group c, StreamOptions o, Prediction p, Flow in, Network net, Map<String, Object> extra) {
        double lambda = in.rate();
        CommitPolicy commit = o.commit();
        Membership mem = o.membership();
        int n = c.instances();
        double[] rates = partitionRates(in, net);
        dev.tributary.sim.kafka.Assignor assignor = mem.protocol() == Membership.Protocol.CONSUMER
                ? dev.tributary.sim.kafka.Assignor.UNIFORM : o.assignment().assignor();
        int[][] first = assignor.assign(Assignment.memberIds(n), rates.length, new int[n][0]);
        if (commit.mode() == CommitPolicy.Mode.AUTO && p.stable()) {
            extra.put("lag", dev.tributary.sim.theory.GroupDynamics.committedLag(p.L(), lambda, commit.interval()));
            extra.put("lagModel", "committed lag ≈ L + λ·interval/2 (approximate; errs low: a busy member commits at"
                    + " its next poll, a little after the interval)");
            if (o.guarantee() != Delivery.AT_MOST_ONCE) {
                double member = 0;
                for (int part : first[0]) {
                    member += rates[part];
                }
                extra.put("duplicatesPerCrash", dev.tributary.sim.theory.GroupDynamics.duplicatesPerCrash(member,
                        commit.interval()));
            }
        } else if (commit.mode() == CommitPolicy.Mode.PER_BATCH && p.stable()) {
            extra.put("lagModel", "L (approximate; errs low: the committed offset trails by the poll being processed)");
        }
        extra.put("orphanSeconds", dev.tributary.sim.theory.GroupDynamics.orphanSeconds(mem.sessionTimeout(),
                mem.heartbeat(), Membership.SYNC_DELAY, mem.protocol() == Membership.Protocol.CONSUMER));
        if (n >= 2) {
            String[] ids = java.util.Arrays.copyOfRange(Assignment.memberIds(n), 1, n);
            int[][] owned = java.util.Arrays.copyOfRange(first, 1, n);
            int[][] after = assignor.assign(ids, rates.length, owned);
            double rho = dev.tributary.sim.theory.GroupDynamics.busiestUtilization(after, rates, 1 / c.service().mean());
            extra.put("utilizationAfterLosingOne", rho);
            extra.put("stableAfterLosingOne", rho < 1);
        }
    }

    @Override
    public ElementPrediction group(Network.Group c, Network net) {
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Object> partitions = new LinkedHashMap<>();
        // with failures each partition's time is not solved (retries hold the member across partitions): none
        boolean failing = failures(c, net.inflowOf(s.id())).any();
        Prediction p = predictGroup(c, net.inflowOf(s.id()), net, true, failing ? null : partitions);
        if (p.stable()) {
            extra.put("lag", p.L());
        } else {
            extra.put("lagGrowthRate", p.growthRate());
            if (p.figures().get("L") instanceof Double l) {
                extra.put("lag", l);
            }
        }
        if (!partitions.isEmpty()) {
            extra.put("partitions", partitions);
        }
        Flow in = net.inflowOf(s.id());
        StreamOptions o = options(c);
        if (o.commitsModelled() || !o.membership().equals(Membership.DEFAULT)) {
            dynamics(c, o, p, in, net, extra);
        }
        FailureLoad f = failures(c, in);
        if (f.any()) {
            double busiest = 0;
            for (Arrivals a : arrivals(c, in, net)) {
                if (a != null) {
                    busiest = Math.max(busiest, a.rate());
                }
            }
            double top = busiest;
            f.figures(extra, in.rate(), p, pf -> f.rho(pf, top, 1, in.rate(), c.service()));
        }
        return new ElementPrediction(c.id(), "consumer-group", p, extra);
    }
}

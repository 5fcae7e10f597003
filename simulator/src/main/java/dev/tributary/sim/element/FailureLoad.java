package dev.tributary.sim.element;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Lognormal;
import dev.tributary.sim.failure.FailureSpec;
import dev.tributary.sim.failure.RetryMode;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.theory.Prediction;
import dev.tributary.sim.theory.Retries;
import dev.tributary.sim.theory.Station;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a consumer group's failures do to its theory, for the kinds' theory nodes (queue, topic,
 * stream): one object per group and inflow, from {@link Retries}' closed forms.
 *
 * <ul>
 *   <li>{@code requeue}: every attempt is a pass through the group's line, so the line is offered
 *       λA (the station's rate is scaled by {@link #rateFactor()}); each pass's service is S, or the
 *       failed cost times S;</li>
 *   <li>{@code blocking}: a worker keeps the event through its failed attempts and backoffs, so the
 *       line is offered λ with service T ({@link #service()} has T's mean and SCV: M/G/c);</li>
 *   <li>{@code retry-topics}: the main line is offered λ (first attempts only); stage k gets
 *       λ·reach(k) after its delay and is its own M/G/c ({@link #stages}).</li>
 * </ul>
 *
 * A group without failures gets {@link #NONE}, which changes nothing.
 */
public final class FailureLoad {

    /** No failures: every method leaves the prediction as it is. */
    public static final FailureLoad NONE = new FailureLoad(null, null, false, false);

    private final ConsumerSpec c;
    private final Retries r;
    private final boolean breaker;
    private final boolean faulted;

    private FailureLoad(ConsumerSpec c, Retries r, boolean breaker, boolean faulted) {
        this.c = c;
        this.r = r;
        this.breaker = breaker;
        this.faulted = faulted;
    }

    /** The failure load of group {@code groupId} among {@code groups}, fed {@code in}. */
    public static FailureLoad of(String groupId, List<ConsumerSpec> groups, Flow in, Topology topology) {
        for (ConsumerSpec g : groups) {
            if (g.id().equals(groupId)) {
                return of(g, in, topology);
            }
        }
        return NONE;
    }

    /** The failure load of group {@code g} fed {@code in}. */
    public static FailureLoad of(ConsumerSpec g, Flow in, Topology topology) {
        boolean faulted = topology.faulted(g.id());
        if (!g.failsOrBreaks() && !faulted) {
            return NONE;
        }
        Retries r = g.failures() == null ? null : retries(g.failures(), in.typeRates());
        return new FailureLoad(g, r, g.breaker() != null, faulted);
    }

    private static Retries retries(FailureSpec f, Map<String, Double> typeRates) {
        int n = Math.max(1, typeRates.size());
        double[] w = new double[n];
        double[] p = new double[n];
        double total = typeRates.values().stream().mapToDouble(Double::doubleValue).sum();
        if (typeRates.isEmpty() || total <= 0) {
            w[0] = 1;
            p[0] = f.byType().isEmpty() ? f.probability() : 0;
        } else {
            int i = 0;
            for (Map.Entry<String, Double> e : typeRates.entrySet()) {
                w[i] = e.getValue() / total;
                p[i] = f.probabilityOf(e.getKey());
                i++;
            }
        }
        double[] bm = new double[f.retries()];
        double[] bv = new double[f.retries()];
        if (f.mode() != RetryMode.RETRY_TOPICS) {
            for (int j = 1; j <= f.retries(); j++) {
                bm[j - 1] = f.backoff().mean(j);
                bv[j - 1] = f.backoff().variance(j);
            }
        }
        return new Retries(w, p, f.poison(), f.retries(), f.failedCost(), bm, bv);
    }

    /** Whether failures, a breaker or a fault touch the group at all. */
    public boolean any() {
        return c != null;
    }

    private RetryMode mode() {
        return c.failures().mode();
    }

    /** Passes through the group's line per arriving event: A for requeue, 1 otherwise. */
    public double rateFactor() {
        return r != null && mode() == RetryMode.REQUEUE ? r.attemptsPerEvent() : 1;
    }

    /** The service law of one pass at the group's workers (see the class comment); the group's own without failures. */
    public Distribution service(Distribution s) {
        if (r == null) {
            return s;
        }
        double[] ms = switch (mode()) {
            case BLOCKING -> r.blocking(s.mean(), s.scv());
            case REQUEUE -> r.failedCost() == 1 ? null : r.attempt(s.mean(), s.scv(), r.failedShare());
            case RETRY_TOPICS -> r.failedCost() == 1 ? null : r.attempt(s.mean(), s.scv(), r.reach(1));
        };
        return ms == null || (r.retries() == 0 && r.failedCost() == 1) ? s : carrier(ms[0], ms[1]);
    }

    /** A law with this mean and SCV for the closed forms (which use only the two): M/G/c. */
    private static Distribution carrier(double mean, double scv) {
        return scv < 1e-12 ? new Deterministic(mean) : new Lognormal(mean, Math.sqrt(scv) * mean);
    }

    /**
     * What the station's throughput (passes through the group's workers) is multiplied by to give
     * the events handled successfully in the end, in the main line or a retry stage: (1 − d)/A for
     * requeue (A passes per event), 1 − d otherwise. The network scales the group's emits by it.
     */
    public double successPerPass() {
        if (r == null) {
            return 1;
        }
        return mode() == RetryMode.REQUEUE ? (1 - r.deadFraction()) / r.attemptsPerEvent() : 1 - r.deadFraction();
    }

    /** Of the events that arrive, the share that is handled in the end (main workers and retry stages). */
    public double successShare() {
        return r == null ? 1 : 1 - r.deadFraction();
    }

    /** Caveats the failures add to the group's prediction. */
    public List<String> caveats() {
        List<String> out = new ArrayList<>();
        if (breaker) {
            out.add("a circuit breaker acts when failures bunch up; the prediction assumes it stays closed");
        }
        if (faulted) {
            out.add("faults (fail, slow) make the run a transient: the prediction is the steady state without them");
        }
        return out;
    }

    /** The failures in words, for the group's reason. */
    public String reason(double lambda) {
        if (r == null) {
            return "";
        }
        double a = r.attemptsPerEvent();
        double d = r.deadFraction();
        String base = String.format(Locale.ROOT, "; failures: each event makes A = 1 + p + … + p^r = %s attempts (r = %d%s), "
                + "so attempts arrive at λA = %s/s and a share p^(r+1) = %s runs out of attempts", Network.fmt(a),
                r.retries(), r.poison() > 0 ? ", poison counts as p = 1" : "", Network.fmt(lambda * a), Network.fmt(d));
        return base + switch (mode()) {
            case REQUEUE -> ": requeued attempts join the same line, which is offered λA";
            case BLOCKING -> ": a blocking retry keeps its worker through failed attempts and backoffs, so the service time"
                    + " is their sum (mean and SCV: M/G/c)";
            case RETRY_TOPICS -> ": the main line sees first attempts only; each retry stage is its own queue after its delay";
        };
    }

    /**
     * Adds the failure figures for a group offered {@code lambda} events per second (with station
     * prediction {@code p}): attempt, retry and error rates, the DLQ's (or drop) rate, time in
     * backoff, successful throughput and the failure probability at which retries alone make it
     * unstable ({@code rho} gives the busiest station's ρ when every attempt fails with probability p).
     */
    public void figures(Map<String, Object> extra, double lambda, Prediction p, java.util.function.DoubleUnaryOperator rho) {
        if (r == null) {
            return;
        }
        double a = r.attemptsPerEvent();
        double d = r.deadFraction();
        extra.put("attemptsPerEvent", a);
        extra.put("attemptRate", lambda * a);
        extra.put("retryRate", lambda * (a - 1));
        extra.put("errorRate", r.failedShare());
        if (c.failures().dlq() != null) {
            extra.put("dlq", Map.of("throughput", lambda * d));
        } else {
            extra.put("droppedRate", lambda * d);
        }
        if (r.retries() > 0 && mode() != RetryMode.RETRY_TOPICS) {
            extra.put("inBackoff", lambda * r.backoffPerEvent());
        }
        if (p != null && p.stable()) {
            extra.put("throughput", lambda * (mode() == RetryMode.RETRY_TOPICS ? 1 - r.reach(1) : 1 - d));
        }
        double crit = Retries.criticalProbability(rho);
        if (!Double.isNaN(crit)) {
            extra.put("criticalFailureProbability", crit);
        }
    }

    /**
     * The utilization of the busiest station of the group when every attempt fails with probability
     * {@code pFail}: main line offered {@code lambda} over {@code servers} workers (a stream member:
     * its own rate, 1 server), retry stages offered {@code total} over the group's instances.
     */
    public double rho(double pFail, double lambda, int servers, double total, Distribution s) {
        Retries q = r.withProbability(pFail);
        double m = s.mean();
        double scv = s.scv();
        return switch (mode()) {
            case REQUEUE -> lambda * q.attemptsPerEvent() * q.attempt(m, scv, q.failedShare())[0] / servers;
            case BLOCKING -> lambda * q.blocking(m, scv)[0] / servers;
            case RETRY_TOPICS -> {
                double worst = lambda * q.attempt(m, scv, q.reach(1))[0] / servers;
                for (int k = 1; k <= q.retries(); k++) {
                    double reach = q.reach(k);
                    double qk = reach == 0 ? 0 : q.reach(k + 1) / reach;
                    worst = Math.max(worst, total * reach * q.attempt(m, scv, qk)[0] / c.instances());
                }
                yield worst;
            }
        };
    }

    /**
     * The retry stages' predictions ({@code retry-topics}): stage k is offered λ·reach(k) Poisson
     * events (the failures of the stage before, after a constant delay) and is an M/G/c of the
     * group's instances; its W and L add the delay (L by Little: λ·delay more).
     */
    public Map<String, ElementPrediction> stages(double lambda) {
        Map<String, ElementPrediction> out = new LinkedHashMap<>();
        if (r == null || mode() != RetryMode.RETRY_TOPICS) {
            return out;
        }
        FailureSpec f = c.failures();
        for (int k = 1; k <= f.stages(); k++) {
            Prediction p = stage(k, lambda);
            double delay = f.stageDelays().get(k - 1);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("delay", delay);
            extra.put("model", p.model());
            out.put(FailureSpec.stageId(c.id(), k), new ElementPrediction(FailureSpec.stageId(c.id(), k), "retry-stage", p, extra));
        }
        return out;
    }

    private Prediction stage(int k, double lambda) {
        FailureSpec f = c.failures();
        double delay = f.stageDelays().get(k - 1);
        double reach = r.reach(k);
        double qk = reach == 0 ? 0 : r.reach(k + 1) / reach;
        Distribution s = r.failedCost() == 1 ? c.service() : carrier(r.attempt(c.service().mean(), c.service().scv(), qk)[0],
                r.attempt(c.service().mean(), c.service().scv(), qk)[1]);
        Prediction st = new Station(lambda * reach, 1, c.instances(), s, Integer.MAX_VALUE).predict();
        List<String> cav = new ArrayList<>(st.caveats());
        cav.addAll(caveats());
        String name = "delay " + dev.tributary.sim.value.Durations.format(delay) + " + " + st.model();
        String why = String.format(Locale.ROOT, "retry stage %d of %s: the events whose attempt %d failed (λ·reach(%d) = %s/s) wait"
                + " %s, then %d worker%s handle them: %s; W and L add the delay", k, c.id(), k, k, Network.fmt(lambda * reach),
                dev.tributary.sim.value.Durations.format(delay), c.instances(), c.instances() == 1 ? "" : "s", st.reason());
        boolean exact = st.exact() && cav.size() == st.caveats().size();
        if (!st.stable()) {
            return new Prediction(name, why, false, cav, st.lambda(), st.mu(), st.servers(), st.utilization(), Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, 0, st.throughput(),
                    false, st.growthRate());
        }
        return new Prediction(name, why, exact, cav, st.lambda(), st.mu(), st.servers(), st.utilization(),
                st.L() + st.lambda() * delay, st.Lq(), st.W() + delay, st.Wq(), st.pWait(), 0, st.throughput(), true, 0);
    }

    /** Mean time in the group of an event that succeeds (see {@link Network.ChannelNode#successW}). */
    public double successW(Prediction p, double lambda) {
        if (r == null || p == null || !p.stable()) {
            return p == null ? Double.NaN : p.W();
        }
        return switch (mode()) {
            case BLOCKING -> p.Wq() + r.blocking(c.service().mean(), c.service().scv())[2];
            case REQUEUE -> r.requeueTimeToSuccess(p.W());
            case RETRY_TOPICS -> {
                double num = (1 - r.reach(1)) * p.W();
                double acc = p.W();
                for (int k = 1; k <= r.retries(); k++) {
                    acc += stage(k, lambda).W();
                    num += (r.reach(k) - r.reach(k + 1)) * acc;
                }
                double ok = 1 - r.deadFraction();
                yield ok == 0 ? Double.NaN : num / ok;
            }
        };
    }

    /** Mean time in the group of an event that runs out of attempts. */
    private double deadW(Prediction p, double lambda) {
        return switch (mode()) {
            case BLOCKING -> p.Wq() + r.blocking(c.service().mean(), c.service().scv())[3];
            case REQUEUE -> {
                double b = 0;
                for (int j = 1; j <= r.retries(); j++) {
                    b += c.failures().backoff().mean(j);
                }
                yield (r.retries() + 1) * p.W() + b;
            }
            case RETRY_TOPICS -> {
                double w = p.W();
                for (int k = 1; k <= r.retries(); k++) {
                    w += stage(k, lambda).W();
                }
                yield w;
            }
        };
    }

    /**
     * The events the group sends to its DLQ: each part of its inflow {@code mine} thinned by the
     * share of its types that runs out of attempts, as old as the part plus the time it took. Their
     * variability: behind exponential passes (requeue, retry stages) they leave a product-form
     * network and are Poisson; otherwise QNA's splitting rule, ca² = d·cd² + 1 − d, except behind a
     * blocking worker, whose dead events are exactly its longest services: a worker cannot
     * dead-letter two events closer than the second one's service E[T | exhausted], so each
     * worker's gaps are taken as a shifted exponential, ca² = (1 − λd/c · E[T | exhausted])²
     * (more regular than Poisson; the DLQ's reader is then an approximation).
     */
    public Map<String, Flow> deadLetters(Flow mine, Prediction p) {
        if (r == null || c.failures().dlq() == null || mine.rate() == 0) {
            return Map.of();
        }
        FailureSpec f = c.failures();
        double lambda = mine.rate();
        double age = p == null || !p.stable() ? Double.POSITIVE_INFINITY : deadW(p, lambda);
        double cd2 = p == null || !p.stable() ? 1 : Network.departureCa2(p, service(c.service()));
        double shifted = Double.NaN;
        if (p != null && p.stable() && mode() == RetryMode.BLOCKING && (r.retries() > 0 || r.failedCost() != 1)) {
            double perWorker = lambda * r.deadFraction() / Math.max(1, p.servers());
            double x = Math.min(1, perWorker * r.blocking(c.service().mean(), c.service().scv())[3]);
            shifted = (1 - x) * (1 - x);
        }
        Flow out = new Flow();
        for (Flow.Part part : mine.parts) {
            double total = part.types().values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> dead = new LinkedHashMap<>();
            double share = 0;
            for (Map.Entry<String, Double> e : part.types().entrySet()) {
                double w = total == 0 ? 0 : e.getValue() / total;
                double dt = (1 - f.poison()) * Math.pow(f.probabilityOf(e.getKey()), f.retries() + 1) + f.poison();
                if (w * dt > 0) {
                    dead.put(e.getKey(), w * dt);
                }
                share += w * dt;
            }
            if (share > 0) {
                double ca2 = Double.isNaN(shifted) ? share * cd2 + 1 - share : shifted;
                boolean poisson = Math.abs(ca2 - 1) < 1e-12;
                double rate = part.rate() * share;
                // Poisson (ca² = 1, see above) carries its gap law, so the DLQ's reader can use the exact models
                out.parts.add(new Flow.Part(rate, dead, part.keys(), part.keyRanges(), poisson ? 1 : ca2,
                        poisson ? dev.tributary.sim.theory.Interarrival.poissonAt(rate) : null, null, part.age() + age,
                        part.forks()));
            }
        }
        return out.parts.isEmpty() ? Map.of() : Map.of(f.dlq(), out);
    }
}

package dev.tributary.sim.element.window;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.distribution.Distribution;
import dev.tributary.sim.distribution.Erlang;
import dev.tributary.sim.distribution.Exponential;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Flow;
import dev.tributary.sim.theory.Network;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A window in the theory network. With Poisson event times, key k's events in a window of size S
 * number N ~ Poisson(λ_k S), independently per window, so (Σ over keys):
 * <ul>
 *   <li>aligned windows (tumbling, sliding with advance A): an aggregate per non-empty window,
 *       rate (1 − e^(−λ_k S)) / A (at most keys / A, the textbook "keys × 1/advance"); alerts at
 *       threshold n, P(N ≥ n) / A; windows open, by Little's law, (1/A)·E[time open], a window being
 *       open from its first event (at S − τ before its end, τ ~ Exp(λ_k) truncated at S) to its end
 *       plus the lateness L: E = S − (1 − e^(−λ_k S))/λ_k + L(1 − e^(−λ_k S));</li>
 *   <li>sessions with gap G: an event ends its session when the next gap exceeds G, so sessions end
 *       at λ_k e^(−λ_k G); a session has N events with P(N ≥ n) = p^(n−1), p = 1 − e^(−λ_k G), and is
 *       open E[N − 1]·E[gap | gap &lt; G] + G + L, E[N − 1] = p/(1 − p).</li>
 * </ul>
 * A sum rule (alert when the amounts in a window add up to X) on aligned windows alerts with
 * P(X_1 + … + X_N ≥ X), N ~ Poisson(λ_k S), the amounts i.i.d. (a compound Poisson tail): for
 * amounts deterministic(a), P(N ≥ ⌈X/a⌉); for erlang(k, mean) amounts (exponential: k = 1) the sum
 * of n is Gamma(nk, mean/k), so P = Σ_n P(N = n)·P(Poisson(X·k/mean) &lt; nk) (the Erlang–Poisson
 * identity), both exact; for other laws, or producers with different laws, the sum of n is taken as a
 * Gamma with the amounts' mean and variance (an approximation, no known direction of error).
 * Exact when event times are Poisson and reach the window without delay; an upstream delay only
 * opens windows later (fewer open, the prediction errs high) until events are late beyond the
 * lateness and get dropped (then every figure errs high).
 */
final class WindowTheory implements Network.ChannelNode {

    private final WindowSpec w;
    /** Rate per key (the last entry: unkeyed) of what entered this pass, and what was already passed on. */
    private double[] rates = new double[0];
    private double unkeyed;
    /** Σ rate × age of what entered this pass (the mean time its events spent upstream). */
    private double ageSum;
    private double sentWindows;
    private double sentAlerts;
    private boolean poisson = true;
    private Flow.Part template;
    /** The amounts' law when every feeder shares one, else null; and their pooled mean and SCV. */
    private final Distribution amount;
    private final double amountMean;
    private final double amountScv;

    /** The theory of window {@code w}, whose sum rule (if any) sums the amounts of {@code feeders}. */
    WindowTheory(WindowSpec w, List<ProducerSpec> feeders, double duration) {
        this.w = w;
        List<Distribution> laws = feeders.stream().map(ProducerSpec::amount).filter(java.util.Objects::nonNull).toList();
        this.amount = laws.isEmpty() || laws.stream().anyMatch(d -> !d.equals(laws.get(0))) ? null : laws.get(0);
        // pooled moments, each producer weighted by its mean rate
        double r = 0;
        double m1 = 0;
        double m2 = 0;
        for (ProducerSpec p : feeders) {
            if (p.amount() != null) {
                double rate = p.arrivals().meanRate(duration);
                double mean = p.amount().mean();
                r += rate;
                m1 += rate * mean;
                m2 += rate * mean * mean * (1 + p.amount().scv());
            }
        }
        this.amountMean = r > 0 ? m1 / r : Double.NaN;
        this.amountScv = r > 0 ? (m2 / r) / (amountMean * amountMean) - 1 : Double.NaN;
    }

    /** Whether the sum rule's alert rate is exact (one amount law, deterministic, exponential or Erlang). */
    private boolean sumExact() {
        return amount instanceof Deterministic || amount instanceof Exponential || amount instanceof Erlang;
    }

    /**
     * P(X_1 + … + X_N ≥ x) for N ~ Poisson(m) and i.i.d. amounts X (compound Poisson tail): exact for
     * deterministic, exponential and Erlang amounts, a Gamma of the same mean and variance otherwise.
     */
    double compoundAtLeast(double m, double x) {
        if (amount instanceof Deterministic d) {
            return poissonAtLeast(m, (int) Math.min(Integer.MAX_VALUE, Math.ceil(x / d.mean() - 1e-12)));
        }
        int k = amount instanceof Erlang e ? e.k() : amount instanceof Exponential ? 1 : 0;
        double theta = k > 0 ? amount.mean() / k : 0;
        double shapePerEvent = k > 0 ? k : 1 / Math.max(amountScv, 1e-12);
        double scale = k > 0 ? theta : amountMean * Math.max(amountScv, 1e-12);
        int nMax = (int) Math.ceil(m + 12 * Math.sqrt(m) + 30);
        double total = 0;
        double logPmf = -m; // log P(N = 0)
        for (int n = 1; n <= nMax; n++) {
            logPmf += Math.log(m) - Math.log(n);
            double pmf = Math.exp(logPmf);
            if (pmf == 0 && n > m) {
                break;
            }
            // P(Gamma(n·shape, scale) ≥ x): for an integer shape the Erlang–Poisson identity
            double tail = k > 0 ? 1 - poissonAtLeast(x / theta, n * k)
                    : org.apache.commons.math3.special.Gamma.regularizedGammaQ(n * shapePerEvent, x / scale);
            total += pmf * tail;
        }
        return Math.min(1, total);
    }

    @Override
    public String id() {
        return w.id();
    }

    @Override
    public void startPass() {
        rates = new double[0];
        unkeyed = 0;
        ageSum = 0;
        sentWindows = 0;
        sentAlerts = 0;
        poisson = true;
        template = null;
    }

    @Override
    public void accept(Flow f, Network net) {
        for (Flow.Part p : f.parts) {
            double share = 1;
            if (w.filter() != null) {
                double total = p.types().values().stream().mapToDouble(Double::doubleValue).sum();
                share = total == 0 ? 0 : p.types().getOrDefault(w.filter(), 0.0) / total;
            }
            double rate = p.rate() * share;
            if (!(rate > 0)) {
                continue;
            }
            poisson &= p.law() != null && p.law().poisson();
            if (Double.isFinite(p.age())) {
                ageSum += rate * p.age();
            }
            if (template == null) {
                template = p;
            }
            int n = p.keys().count();
            if (n == 0) {
                unkeyed += rate; // unkeyed events share one window of their own
                continue;
            }
            if (rates.length < n) {
                rates = Arrays.copyOf(rates, n);
            }
            double[] prob = p.keys().probabilities();
            double mass = 0;
            for (int[] r : p.keyRanges()) {
                for (int k = r[0]; k <= Math.min(r[1], n - 1); k++) {
                    mass += prob[k];
                }
            }
            for (int[] r : p.keyRanges()) {
                for (int k = r[0]; k <= Math.min(r[1], n - 1); k++) {
                    rates[k] += rate * prob[k] / mass;
                }
            }
        }
        // the figures are not linear in the rates: pass on what the total so far adds to what was sent
        double[] fig = figures();
        if (w.to() != null && fig[0] > sentWindows) {
            net.deliver(w.to(), flow(fig[0] - sentWindows, WindowSpec.WINDOW_TYPE));
        }
        if (w.alertsTo() != null && fig[1] > sentAlerts) {
            net.deliver(w.alertsTo(), flow(fig[1] - sentAlerts, WindowSpec.ALERT_TYPE));
        }
        sentWindows = Math.max(sentWindows, fig[0]);
        sentAlerts = Math.max(sentAlerts, fig[1]);
    }

    private Flow flow(double rate, String type) {
        Flow out = new Flow();
        double ca2 = type.equals(WindowSpec.WINDOW_TYPE) ? batchCa2() : 1;
        out.parts.add(new Flow.Part(rate, Map.of(type, 1.0), template.keys(), template.keyRanges(), ca2, template.age()));
        return out;
    }

    /**
     * Aligned windows hand every key's aggregate on at the window's close, all at one instant: bursts of
     * (output rate × advance) aggregates every advance. Alerts fire on an event and sessions close per key,
     * one at a time.
     */
    @Override
    public Network.Batches batchesTo(String target, Network net) {
        if (w.shape().session() || !target.equals(w.to())) {
            return null;
        }
        double perClose = figures()[0] * w.shape().advance();
        return perClose > 1 ? new Network.Batches(perClose, w.shape().advance()) : null;
    }

    /**
     * The variability of the aggregates' gaps: a tumbling or sliding window emits one aggregate per key
     * with events, all at once when it closes, every advance A. Taken as a renewal sequence with N − 1
     * gaps of 0 and one of A per close (N the keys with events, mean E[N]): mean gap A/E[N], E[gap²] =
     * A²/E[N], so ca² = E[N] − 1 (Whitt, "The Queueing Network Analyzer", 1983, §4: a batch's
     * simultaneous arrivals as zero gaps). A renewal approximation of batches: the stations downstream
     * wait less in theory than batches make them (a batch of K on one worker waits (K − 1)/2 services on
     * average), so their predictions err low. Sessions close at their own times: 1.
     */
    private double batchCa2() {
        if (w.shape().session()) {
            return 1;
        }
        double perClose = figures()[0] * w.shape().advance();
        return Math.max(0, perClose - 1);
    }

    /** Output rate, alert rate, mean windows open, and the number of keys with events. */
    private double[] figures() {
        double out = 0;
        double alerts = 0;
        double open = 0;
        int active = 0;
        double s = w.shape().size();
        double a = w.shape().advance();
        double l = w.lateness();
        int n = w.threshold();
        boolean sum = w.sum() > 0 && !Double.isNaN(amountMean);
        for (int k = 0; k <= rates.length; k++) {
            double lambda = k == rates.length ? unkeyed : rates[k];
            if (!(lambda > 0)) {
                continue;
            }
            active++;
            if (w.shape().session()) {
                double end = Math.exp(-lambda * s);
                double p = 1 - end;
                double sessions = lambda * end;
                out += sessions;
                if (n > 0) {
                    alerts += sessions * Math.pow(p, n - 1);
                }
                double shortGap = p == 0 ? 0 : 1 / lambda - s * end / p;
                open += sessions * (p / (1 - p) * shortGap + s + l);
            } else {
                double nonEmpty = -Math.expm1(-lambda * s);
                out += nonEmpty / a;
                if (n > 0) {
                    alerts += poissonAtLeast(lambda * s, n) / a;
                } else if (sum) {
                    alerts += compoundAtLeast(lambda * s, w.sum()) / a;
                }
                open += (s - nonEmpty / lambda + l * nonEmpty) / a;
            }
        }
        return new double[] {out, alerts, open, active};
    }

    /** P(N ≥ n) for N ~ Poisson(m): 1 − Σ_{i<n} e^(−m) m^i / i!, summed in logs to stay finite. */
    static double poissonAtLeast(double m, int n) {
        double term = Math.exp(-m);
        double below = 0;
        if (term == 0) {
            // e^(−m) underflows: sum the terms in logs
            for (int i = 0; i < n; i++) {
                below += Math.exp(-m + i * Math.log(m) - logFactorial(i));
            }
            return Math.max(0, 1 - below);
        }
        for (int i = 0; i < n; i++) {
            below += term;
            term *= m / (i + 1);
        }
        return Math.max(0, 1 - below);
    }

    private static double logFactorial(int i) {
        double s = 0;
        for (int j = 2; j <= i; j++) {
            s += Math.log(j);
        }
        return s;
    }

    /** A tumbling or sliding window's aggregates reach its {@code to} channel in batches at each close. */
    @Override
    public Map<String, String> batchesTo(Network net) {
        if (w.to() == null || w.shape().session() || template == null) {
            return Map.of();
        }
        double perClose = figures()[0] * w.shape().advance();
        if (!(perClose > 1)) {
            return Map.of();
        }
        return Map.of(w.to(), String.format(java.util.Locale.ROOT, "approximation: the aggregates of window %s arrive"
                + " in batches of about %s at each close, taken as renewal arrivals with ca² = %s; simultaneous"
                + " arrivals wait longer, so the wait errs low (optimistic)", w.id(), Network.fmt(perClose),
                Network.fmt(batchCa2())));
    }

    @Override
    public Network.GroupLoad load(Network.Group g, Network net) {
        throw new IllegalStateException("a window holds no events; the scenario binder refuses consumers of " + w.id());
    }

    @Override
    public ElementPrediction channel(Network net) {
        double[] fig = figures();
        double in = Arrays.stream(rates).sum() + unkeyed;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", w.shape().session() ? "sessions of Poisson events" : "windows of Poisson events");
        extra.put("reason", w.shape().session()
                ? "each key's events are Poisson: a session ends when the next gap exceeds the gap G, at rate"
                        + " λe^(−λG) per key; it holds N events with P(N ≥ n) = (1 − e^(−λG))^(n−1)"
                : "each key's events are Poisson: a window of size S holds Poisson(λS) of them, so it emits an"
                        + " aggregate with probability 1 − e^(−λS) every advance A (at most keys / A) and alerts with"
                        + " probability P(N ≥ n)" + (w.sum() > 0 ? "; a sum rule alerts when the amounts add up to X, with"
                        + " probability P(X1 + … + XN ≥ X), a compound Poisson tail" : ""));
        // events that spent time upstream (a consumer group's queue and service before its emit) reach the
        // window late and out of order: beyond the lateness they are dropped, and windows close before
        // their events arrive, so every figure errs high (optimistic); exact only for events as they are made
        double upstream = in > 0 ? ageSum / in : 0;
        boolean delayed = upstream > 0;
        extra.put("exact", poisson && !delayed);
        if (!poisson) {
            extra.put("errs", "either way");
        } else if (delayed) {
            extra.put("errs", "high");
        }
        extra.put("caveats", delayed ? List.of(String.format(java.util.Locale.ROOT, "approximation: events spend"
                + " %s s upstream on average (a group's queue and service before its emit) and reach the window late"
                + " and out of order; those later than the lateness (%s s) are dropped and the others open windows"
                + " later: the figures assume no delay and err high (optimistic)%s", Network.fmt(upstream),
                Network.fmt(w.lateness()), poisson ? "" : "; nor are the events known to be a Poisson process"))
                : poisson ? List.of("exact for event times that reach the window as they are made; upstream"
                + " delay opens windows later (openWindows errs high) and, beyond the lateness, drops events (every figure"
                + " errs high)") : List.of("approximation: the events are not known to be a Poisson process; the"
                + " figures assume Poisson event times at the same rate per key"));
        extra.put("throughput", in);
        extra.put("keys", fig[3]);
        extra.put("outputRate", fig[0]);
        if (!w.shape().session()) {
            extra.put("maxOutputRate", fig[3] / w.shape().advance());
        }
        boolean sumPredicted = w.sum() > 0 && !w.shape().session() && !Double.isNaN(amountMean);
        if (w.sum() > 0) {
            List<String> caveats = new java.util.ArrayList<>((List<String>) extra.get("caveats"));
            if (!sumPredicted) {
                caveats.add("no prediction of the sum rule's alerts: " + (w.shape().session() ? "a session's length"
                        + " depends on its own gaps" : "no amounts reach the window"));
            } else if (!sumExact()) {
                caveats.add(String.format(java.util.Locale.ROOT, "approximation: the sum of n amounts is taken as a"
                        + " Gamma of mean n·%s and SCV %s/n (the amounts are not one deterministic, exponential or"
                        + " Erlang law); no known direction of error", Network.fmt(amountMean), Network.fmt(amountScv)));
                extra.put("exact", false);
                extra.put("errs", "either way");
            }
            extra.put("caveats", caveats);
        }
        if (w.threshold() > 0 || sumPredicted) {
            extra.put("alertRate", fig[1]);
            if (in > 0) {
                // an alert fires on the arrival of the event that crosses the threshold: its latency is the
                // time that event spent upstream, taken as a typical event's (the path's mean sojourn)
                extra.put("alertLatency", Map.of("mean", ageSum / in));
            }
        }
        extra.put("openWindows", fig[2]);
        if (w.to() != null && !w.shape().session() && fig[0] > 0) {
            List<String> caveats = new java.util.ArrayList<>((List<String>) extra.get("caveats"));
            caveats.add(String.format(java.util.Locale.ROOT, "its aggregates reach %s in batches, about %s at once"
                    + " each time a window closes; the stations downstream are predicted with ca² = %s (a renewal"
                    + " approximation of the batches), which errs low (optimistic): simultaneous arrivals wait longer",
                    w.to(), Network.fmt(fig[0] * w.shape().advance()), Network.fmt(batchCa2())));
            extra.put("caveats", caveats);
        }
        return new ElementPrediction(w.id(), WindowKind.WORD, null, extra);
    }

    @Override
    public ElementPrediction group(Network.Group g, Network net) {
        throw new IllegalStateException("a window holds no events; the scenario binder refuses consumers of " + w.id());
    }
}

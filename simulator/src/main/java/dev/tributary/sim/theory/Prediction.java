package dev.tributary.sim.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What queueing theory predicts for one service station (or a group of them), and why.
 *
 * @param model       Kendall-style name, e.g. {@code M/M/4}, {@code M/D/1}, {@code 4 × M/M/1}
 * @param reason      in words a student can read: why this model applies
 * @param exact       true only where the model is exact for what is simulated (then a miss is a bug);
 *                    otherwise {@code caveats} name the approximation and {@code errs} its direction
 * @param lambda      arrival rate offered (per second)
 * @param mu          service rate of one worker (per second)
 * @param servers     number of workers
 * @param utilization fraction of the time a worker is busy: never above 1 (see {@code offeredLoad})
 * @param stable      false when ρ ≥ 1 (no steady state)
 * @param growthRate  when unstable: how fast the backlog grows, λ − cμ per second (0 when stable)
 * @param pWait       probability an arrival waits (Erlang C), NaN where not computed
 * @param loss        probability an arrival is refused (finite buffers), 0 otherwise
 * @param throughput  predicted departures per second
 * @param offeredLoad λ/(cμ), the work offered per worker: above 1 it is overload, not utilization
 * @param errs        for an approximation, the direction of its error where known: {@code high}
 *                    (the prediction overstates), {@code low}, or null when unknown or exact
 * @param figures     further figures by report name (blockProbability, backlog, window averages, …)
 */
public record Prediction(
        String model,
        String reason,
        boolean exact,
        List<String> caveats,
        double lambda,
        double mu,
        int servers,
        double utilization,
        double L,
        double Lq,
        double W,
        double Wq,
        double pWait,
        double loss,
        double throughput,
        boolean stable,
        double growthRate,
        double offeredLoad,
        String errs,
        Map<String, Object> figures) {

    public Prediction {
        caveats = List.copyOf(caveats);
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        utilization = Math.min(1, utilization);
    }

    /** A prediction whose offered load is λ/(cμ), with no error direction and no further figures. */
    public Prediction(String model, String reason, boolean exact, List<String> caveats, double lambda, double mu,
                      int servers, double utilization, double L, double Lq, double W, double Wq, double pWait,
                      double loss, double throughput, boolean stable, double growthRate) {
        this(model, reason, exact, caveats, lambda, mu, servers, utilization, L, Lq, W, Wq, pWait, loss, throughput,
                stable, growthRate, servers > 0 && mu > 0 ? lambda / (servers * mu) : Double.NaN, null, Map.of());
    }

    /** The same prediction with a different name, reason and added caveats (any caveat makes it approximate). */
    public Prediction relabel(String newModel, String newReason, List<String> moreCaveats) {
        List<String> c = new ArrayList<>(caveats);
        c.addAll(moreCaveats);
        return new Prediction(newModel, newReason, exact && moreCaveats.isEmpty(), c, lambda, mu, servers, utilization, L,
                Lq, W, Wq, pWait, loss, throughput, stable, growthRate, offeredLoad, errs, figures);
    }

    /** The same prediction with a new name and reason, keeping whether it is exact. */
    public Prediction named(String newModel, String newReason) {
        return new Prediction(newModel, newReason, exact, caveats, lambda, mu, servers, utilization, L, Lq, W, Wq,
                pWait, loss, throughput, stable, growthRate, offeredLoad, errs, figures);
    }

    /** The same prediction marked approximate: {@code caveat} names the approximation, {@code direction} its error. */
    public Prediction approximate(String caveat, String direction) {
        List<String> c = new ArrayList<>(caveats);
        if (caveat != null && !c.contains(caveat)) {
            c.add(caveat);
        }
        return new Prediction(model, reason, false, c, lambda, mu, servers, utilization, L, Lq, W, Wq, pWait, loss,
                throughput, stable, growthRate, offeredLoad, Errs.combine(exact ? null : errs, direction, exact), figures);
    }

    /**
     * The same prediction marked approximate with an error of direction {@code direction} whatever it
     * was: {@code caveat} names an approximation whose error outweighs the others (batches fed to a
     * station as smooth arrivals).
     */
    public Prediction erring(String caveat, String direction) {
        List<String> c = new ArrayList<>(caveats);
        if (caveat != null && !c.contains(caveat)) {
            c.add(caveat);
        }
        return new Prediction(model, reason, false, c, lambda, mu, servers, utilization, L, Lq, W, Wq, pWait, loss,
                throughput, stable, growthRate, offeredLoad, direction, figures);
    }

    /** The same prediction with a further figure (or replaced figure) by report name. */
    public Prediction with(String name, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(figures);
        f.put(name, value);
        return new Prediction(model, reason, exact, caveats, lambda, mu, servers, utilization, L, Lq, W, Wq, pWait, loss,
                throughput, stable, growthRate, offeredLoad, errs, f);
    }

    /** The same prediction with other throughput and utilization (a run window's, or a blocked producer's). */
    public Prediction withFlow(double newThroughput, double newUtilization) {
        return new Prediction(model, reason, exact, caveats, lambda, mu, servers, newUtilization, L, Lq, W, Wq, pWait,
                loss, newThroughput, stable, growthRate, offeredLoad, errs, figures);
    }

    /** The figures as a report block: names match the measured ones (L, Lq, W, Wq, utilization, throughput). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("reason", reason);
        m.put("exact", exact);
        if (!exact && errs != null) {
            m.put("errs", errs);
        }
        if (!caveats.isEmpty()) {
            m.put("caveats", caveats);
        }
        m.put("stable", stable);
        putFinite(m, "lambda", lambda);
        putFinite(m, "offeredLoad", offeredLoad);
        putFinite(m, "rho", offeredLoad);
        putFinite(m, "throughput", throughput);
        putFinite(m, "utilization", utilization);
        if (stable) {
            putFinite(m, "L", L);
            putFinite(m, "Lq", Lq);
            putFinite(m, "W", W);
            putFinite(m, "Wq", Wq);
            putFinite(m, "pWait", pWait);
        } else {
            m.put("growthRate", growthRate);
        }
        if (loss > 0) {
            m.put("lossProbability", loss);
        }
        figures.forEach((k, v) -> {
            if (v instanceof Double d ? Double.isFinite(d)
                    : v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Map || v instanceof List) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static void putFinite(Map<String, Object> m, String name, double v) {
        if (Double.isFinite(v)) {
            m.put(name, v);
        }
    }

    /** Directions of an approximation's error. */
    public static final class Errs {
        /** The prediction overstates the measured figure (an upper estimate). */
        public static final String HIGH = "high";
        /** The prediction understates it. */
        public static final String LOW = "low";
        /** No known direction. */
        public static final String EITHER = "either way";

        private Errs() {
        }

        static String combine(String before, String added, boolean wasExact) {
            if (before == null) {
                return added;
            }
            if (added == null || before.equals(added)) {
                return before;
            }
            return EITHER;
        }
    }
}

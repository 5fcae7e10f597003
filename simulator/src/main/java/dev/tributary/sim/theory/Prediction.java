package dev.tributary.sim.theory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What queueing theory predicts for one service station (or a group of them), and why.
 *
 * @param model       Kendall-style name, e.g. {@code M/M/4}, {@code M/D/1}, {@code 4 × M/M/1}
 * @param reason      in words a student can read: why this model applies
 * @param exact       false when the inputs break the model's assumptions (then {@code caveats} says which)
 * @param lambda      arrival rate offered (per second)
 * @param mu          service rate of one worker (per second)
 * @param servers     number of workers
 * @param stable      false when ρ ≥ 1 (no steady state)
 * @param growthRate  when unstable: how fast the backlog grows, λ − cμ per second (0 when stable)
 * @param pWait       probability an arrival waits (Erlang C), NaN where not computed
 * @param loss        probability an arrival is refused (finite buffers), 0 otherwise
 * @param throughput  predicted departures per second
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
        double growthRate) {

    public Prediction {
        caveats = List.copyOf(caveats);
    }

    /** The same prediction with a different name, reason and added caveats. */
    public Prediction relabel(String newModel, String newReason, List<String> moreCaveats) {
        List<String> c = new java.util.ArrayList<>(caveats);
        c.addAll(moreCaveats);
        return new Prediction(newModel, newReason, exact && moreCaveats.isEmpty(), c, lambda, mu, servers, utilization, L,
                Lq, W, Wq, pWait, loss, throughput, stable, growthRate);
    }

    /** The figures as a report block: names match the measured ones (L, Lq, W, Wq, utilization, throughput). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("reason", reason);
        m.put("exact", exact);
        if (!caveats.isEmpty()) {
            m.put("caveats", caveats);
        }
        m.put("stable", stable);
        m.put("lambda", finite(lambda));
        m.put("rho", finite(utilization));
        m.put("throughput", finite(throughput));
        m.put("utilization", finite(utilization));
        if (stable) {
            m.put("L", finite(L));
            m.put("Lq", finite(Lq));
            m.put("W", finite(W));
            m.put("Wq", finite(Wq));
            if (!Double.isNaN(pWait)) {
                m.put("pWait", pWait);
            }
        } else {
            m.put("growthRate", growthRate);
        }
        if (loss > 0) {
            m.put("lossProbability", loss);
        }
        return m;
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}

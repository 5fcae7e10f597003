package dev.tributary.sim.model;

import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioNetwork;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Predicted drain times, from the backlog a run measured at each drain mark (a fault's end, a rate
 * change) and the rates the theory gives after it.
 *
 * <p>Per member m (its partitions' backlog B_m, their arrival rate λ_m, its service rate μ):
 * T_m = B_m / (μ − λ_m), the mean time to empty. For a member owning one partition with Poisson
 * arrivals and exponential service this is exact: emptying a backlog of B takes B busy periods of
 * mean 1/(μ − λ) each (Kleinrock, Queueing Systems vol. 1, eq. 5.141 for the M/M/1 busy period).
 * The group's prediction {@code perPartition} is max_m T_m, the max_p backlog_p/(μ − λ_p)
 * when each member owns one partition: approximate, and low, because the mean of the longest of
 * several random drains is above the longest mean (Jensen). {@code pooled} is ΣB / (c·μ − λ) over the
 * c members that own partitions: lower still (by the mediant inequality it is never above the
 * per-member maximum), as if any member could take any partition's records, which a partitioned log
 * forbids. With deterministic service the record in service has less than a full service left, so
 * T_m errs high by up to 1/(μ − λ_m) · (1 − residual share).
 */
public final class DrainPrediction {

    private DrainPrediction() {
    }

    /**
     * The {@code drains} block of every group whose measured figures hold drain marks
     * ({@code drains.K.partitions.P.backlog} and {@code .member}), by group id.
     */
    public static Map<String, Map<String, Object>> predict(Scenario scenario, Map<String, Map<String, Double>> measured) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ConsumerSpec c : scenario.consumers()) {
            Map<String, Double> m = measured.get(c.id());
            if (m == null || !m.containsKey("drains.0.at")) {
                continue;
            }
            Map<String, Object> drains = new LinkedHashMap<>();
            for (int k = 0; m.containsKey("drains." + k + ".at"); k++) {
                drains.put(Integer.toString(k), predictMark(scenario, c, m, "drains." + k + "."));
            }
            out.put(c.id(), Map.of("drains", drains));
        }
        return out;
    }

    private static Map<String, Object> predictMark(Scenario scenario, ConsumerSpec c, Map<String, Double> m, String d) {
        double at = m.get(d + "at");
        Map<String, ElementPrediction> net = ScenarioNetwork.of(scenario,
                p -> ScenarioTheory.rateAt(p, at, scenario), Network.Horizon.NONE).solve();
        Map<String, Object> channel = net.get(c.from()).toMap();
        double lambda = channel.get("throughput") instanceof Number n ? n.doubleValue() : Double.NaN;
        Map<?, ?> shares = channel.get("partitions") instanceof Map<?, ?> ps ? ps : Map.of();
        double mu = 1 / c.service().mean();
        // members' backlog and arrival rate, from each partition's measured backlog and owner
        TreeMap<Integer, double[]> members = new TreeMap<>();
        Map<Integer, Integer> ownerOf = new LinkedHashMap<>();
        double total = 0;
        for (int p = 0; m.containsKey(d + "partitions." + p + ".backlog"); p++) {
            double b = m.get(d + "partitions." + p + ".backlog");
            double owner = m.get(d + "partitions." + p + ".member");
            if (Double.isNaN(b) || Double.isNaN(owner)) {
                continue;
            }
            double share = shares.get(Integer.toString(p)) instanceof Map<?, ?> sp && sp.get("share") instanceof Number n
                    ? n.doubleValue() : 1.0 / Math.max(1, shares.size());
            double[] bl = members.computeIfAbsent((int) Math.round(owner), x -> new double[2]);
            bl[0] += b;
            bl[1] += share * lambda;
            ownerOf.put(p, (int) Math.round(owner));
            total += b;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", at);
        out.put("model", "time to empty: B/(μ − λ) per member (the longest), pooled ΣB/(cμ − λ)");
        out.put("exact", false);
        out.put("errs", "low: the longest of several random drains lasts longer than the longest mean; pooled lower still");
        out.put("lambda", lambda);
        out.put("mu", mu);
        double longest = 0;
        Map<String, Object> parts = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : ownerOf.entrySet()) {
            double[] bl = members.get(e.getValue());
            double t = bl[0] == 0 ? 0 : mu > bl[1] ? bl[0] / (mu - bl[1]) : Double.POSITIVE_INFINITY;
            parts.put(Integer.toString(e.getKey()), finite(t));
            longest = Math.max(longest, t);
        }
        double capacity = members.size() * mu;
        double pooled = total == 0 ? 0 : capacity > lambda ? total / (capacity - lambda) : Double.POSITIVE_INFINITY;
        out.put("perPartition", finite(longest));
        out.put("pooled", finite(pooled));
        if (Double.isInfinite(longest)) {
            out.put("caveats", java.util.List.of("a member's arrival rate is at or above its service rate after this mark:"
                    + " its backlog never drains (null)"));
        }
        out.put("partitions", parts);
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

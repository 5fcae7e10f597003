package dev.tributary.sim.report;

import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Compares two architectures with common random numbers: replication r of both uses the same seed,
 * so both see the same arrivals wherever their producers have the same ids, and the paired
 * differences B − A have far narrower intervals than two independent runs would give.
 */
public final class Comparison {

    /** One figure of one element present in both scenarios. */
    public record Row(String element, String figure, Estimate a, Estimate b, Estimate difference) {
    }

    /** The figures compared, in this order, where both elements measure them. */
    public static final List<String> FIGURES =
            List.of("throughput", "L", "Lq", "W", "Wq", "utilization", "latency.p99", "lag", "lagSeconds", "outOfOrder",
                    "completionTime.mean", "completionTime.p99", "messagesPerSaga", "compensated", "failed", "timedOut");

    private Comparison() {
    }

    /** Runs both scenarios {@code replications} times with paired seeds and compares common elements. */
    public static List<Row> compare(Scenario a, Scenario b, int replications) {
        // replication r of both runs on the same seed: that pairing is what common random numbers need
        return compare(replicate(a, a.seed(), replications, f -> { }), replicate(b, a.seed(), replications, f -> { }));
    }

    /**
     * The results of replications 0 … n−1 of {@code s} run on {@code seed} (each replication's seed
     * derived from it as {@link Runner#replicationSeed} does), for pairing with another scenario's
     * replications on the same seed; {@code progress} hears the fraction done (and may throw to cancel).
     */
    public static List<List<ElementResult>> replicate(Scenario s, long seed, int replications, DoubleConsumer progress) {
        return new Runner().withProgress(progress).replicate(s.withSeed(seed), replications).stream()
                .map(r -> r.model().results()).toList();
    }

    /** Compares paired replications (replication r of A with replication r of B) element by element. */
    public static List<Row> compare(List<List<ElementResult>> ra, List<List<ElementResult>> rb) {
        int replications = Math.min(ra.size(), rb.size());
        List<Row> rows = new ArrayList<>();
        for (ElementResult ea : ra.get(0)) {
            ElementResult eb = find(rb.get(0), ea.id());
            if (eb == null || !eb.kind().equals(ea.kind())) {
                continue;
            }
            for (String f : FIGURES) {
                if (!ea.measured().containsKey(f) || !eb.measured().containsKey(f)) {
                    continue;
                }
                double[] xa = new double[replications];
                double[] xb = new double[replications];
                double[] d = new double[replications];
                for (int r = 0; r < replications; r++) {
                    xa[r] = find(ra.get(r), ea.id()).get(f);
                    xb[r] = find(rb.get(r), ea.id()).get(f);
                    d[r] = xb[r] - xa[r];
                }
                rows.add(new Row(ea.id(), f, Estimate.of(xa), Estimate.of(xb), Estimate.of(d)));
            }
        }
        return rows;
    }

    /** Ids of the elements that are measured: producers, channels and consumer groups, in file order. */
    public static Set<String> elementIds(Scenario s) {
        Set<String> ids = new LinkedHashSet<>();
        s.producers().forEach(p -> ids.add(p.id()));
        s.channels().forEach(c -> ids.add(c.id()));
        s.consumers().forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static ElementResult find(List<ElementResult> list, String id) {
        for (ElementResult e : list) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}

package dev.tributary.sim.report;

import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

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
        Runner runner = new Runner();
        List<List<ElementResult>> ra = runner.replicate(a, replications).stream().map(r -> r.model().results()).toList();
        List<List<ElementResult>> rb = runner.replicate(b.withSeed(a.seed()), replications).stream()
                .map(r -> r.model().results()).toList();
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

    private static ElementResult find(List<ElementResult> list, String id) {
        for (ElementResult e : list) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}

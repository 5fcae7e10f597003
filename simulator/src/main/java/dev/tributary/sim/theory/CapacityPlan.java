package dev.tributary.sim.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Capacity planning on M/M/c: the fewest consumers that meet a target, with the table of nearby
 * sizes, and the naive M/M/1-formula answer a planner gets by plugging ρ into ρ²/(1−ρ) — which
 * overstates the queue of a pooled system badly (at λ = 1000/s, μ = 100/s, c = 15: Lq ≈ 0.20, not 1.3).
 */
public final class CapacityPlan {

    /** Targets; NaN means "no target on this figure". */
    public record Target(double maxUtilization, double maxWait, double maxWaitProbability) {
    }

    /** One row of the table: c consumers and what M/M/c predicts. */
    public record Row(int consumers, Prediction prediction, boolean meetsTarget) {
    }

    private final double lambda;
    private final double mu;
    private final Target target;
    private final List<Row> rows;
    private final int recommended;

    private CapacityPlan(double lambda, double mu, Target target, List<Row> rows, int recommended) {
        this.lambda = lambda;
        this.mu = mu;
        this.target = target;
        this.rows = List.copyOf(rows);
        this.recommended = recommended;
    }

    /** The fewest consumers meeting {@code target} (just stable when the target is empty). */
    public static CapacityPlan plan(double lambda, double mu, Target target) {
        int minStable = (int) Math.floor(lambda / mu) + 1;
        int c = minStable;
        while (!meets(MMc.predict(c, lambda, mu), target)) {
            c++;
            if (c > 1_000_000) {
                throw new IllegalArgumentException("no pool up to a million consumers meets the target");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int k = Math.max(1, minStable - 1); k <= Math.max(c + 2, minStable + 4); k++) {
            Prediction p = MMc.predict(k, lambda, mu);
            rows.add(new Row(k, p, meets(p, target)));
        }
        return new CapacityPlan(lambda, mu, target, rows, c);
    }

    private static boolean meets(Prediction p, Target t) {
        if (!p.stable()) {
            return false;
        }
        if (!Double.isNaN(t.maxUtilization()) && p.utilization() > t.maxUtilization()) {
            return false;
        }
        if (!Double.isNaN(t.maxWait()) && p.Wq() > t.maxWait()) {
            return false;
        }
        return Double.isNaN(t.maxWaitProbability()) || p.pWait() <= t.maxWaitProbability();
    }

    /** The recommended number of consumers. */
    public int recommended() {
        return recommended;
    }

    /** The table around the recommendation. */
    public List<Row> rows() {
        return rows;
    }

    /** A readable table, with the naive M/M/1 figure beside Erlang C. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "λ = %.4g/s, μ = %.4g/s per consumer (M/M/c, Erlang C)%n%n", lambda, mu));
        sb.append(String.format(Locale.ROOT, "%9s %7s %9s %10s %10s %14s%n", "consumers", "ρ", "P(wait)", "Lq", "Wq s",
                "naive ρ²/(1−ρ)"));
        for (Row r : rows) {
            Prediction p = r.prediction();
            double rho = p.utilization();
            if (!p.stable()) {
                sb.append(String.format(Locale.ROOT, "%9d %7.3f %9s %10s %10s %14s   unstable: backlog grows %.4g/s%n",
                        r.consumers(), rho, "1", "∞", "∞", "∞", p.growthRate()).replace("backlog grows 0.000/s", "ρ = 1, no steady state (the queue drifts without bound)"));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%9d %7.3f %9.4f %10.4g %10.4g %14.4g%s%n", r.consumers(), rho, p.pWait(),
                    p.Lq(), p.Wq(), rho * rho / (1 - rho), r.consumers() == recommended ? "   <- fewest meeting the target" : ""));
        }
        sb.append(String.format(Locale.ROOT, "%nRecommended: %d consumers", recommended));
        if (!Double.isNaN(target.maxUtilization()) || !Double.isNaN(target.maxWait())
                || !Double.isNaN(target.maxWaitProbability())) {
            sb.append(" (target:");
            if (!Double.isNaN(target.maxUtilization())) {
                sb.append(String.format(Locale.ROOT, " ρ ≤ %.3g", target.maxUtilization()));
            }
            if (!Double.isNaN(target.maxWait())) {
                sb.append(String.format(Locale.ROOT, " Wq ≤ %.4g s", target.maxWait()));
            }
            if (!Double.isNaN(target.maxWaitProbability())) {
                sb.append(String.format(Locale.ROOT, " P(wait) ≤ %.3g", target.maxWaitProbability()));
            }
            sb.append(")");
        } else {
            sb.append(" (the fewest that keep ρ < 1)");
        }
        sb.append(String.format(Locale.ROOT, ".%nOn a stream, the group needs at least %d partitions to use them all"
                + " (one consumer per partition; extra consumers idle).%n", recommended));
        return sb.toString();
    }

    /** What losing {@code n} consumers does to the recommended pool. */
    public String afterLosing(int n) {
        int left = recommended - n;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nLosing %d of %d consumers leaves %d: ", n,
                recommended, left));
        if (left <= 0) {
            return sb.append(String.format(Locale.ROOT, "nothing is consumed; the backlog (lag) grows by %.4g/s.%n",
                    lambda)).toString();
        }
        Prediction p = MMc.predict(left, lambda, mu);
        if (!p.stable()) {
            sb.append(String.format(Locale.ROOT, "ρ = %.3f, unstable: lag grows by %.4g events per second; a backlog of"
                    + " B events takes B/%.4g s to drain once they are back.%n", p.utilization(), p.growthRate(),
                    recommended * mu - lambda));
        } else {
            sb.append(String.format(Locale.ROOT, "ρ = %.3f, still stable: Wq = %.4g s, Lq = %.4g.%n", p.utilization(),
                    p.Wq(), p.Lq()));
        }
        return sb.toString();
    }
}

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

    /** Most consumers a plan may recommend: the most instances a consumer group may have. */
    public static final int MAX_CONSUMERS = 10_000;
    /** Most partitions a plan may recommend: a stream's limit (MAX_PARTITIONS is this). */
    public static final int MAX_PARTITIONS = 10_000;
    /**
     * Smallest probability of waiting a recommendation may rest on. Below it the figures are too small for
     * any system to show, and a search driven further only ends when the doubles underflow to zero (a mean
     * wait "met" at 0 s is an artefact of the arithmetic, not of the queue).
     */
    public static final double MIN_WAIT_PROBABILITY = 1e-12;

    /** No pool a consumer group can have meets the target; the message says why. */
    public static final class Infeasible extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Infeasible(String message) {
            super(message);
        }
    }

    /**
     * The fewest consumers meeting {@code target} (just stable when the target is empty).
     *
     * @throws Infeasible when no pool of at most {@link #MAX_CONSUMERS} meets it, or meeting it would
     *                    need a probability of waiting below {@link #MIN_WAIT_PROBABILITY}
     */
    public static CapacityPlan plan(double lambda, double mu, Target target) {
        if (!(lambda > 0) || !(mu > 0) || Double.isInfinite(lambda) || Double.isInfinite(mu)) {
            throw new IllegalArgumentException("λ and μ must be finite and above zero; got λ = " + lambda + ", μ = " + mu);
        }
        double a = lambda / mu;
        if (!(a < MAX_CONSUMERS)) {
            throw new Infeasible(String.format(Locale.ROOT, "the load is λ/μ = %.4g consumers' worth of work, and a group"
                    + " has at most %,d consumers (they serve at most %,d × %.4g = %.4g events/s, below λ = %.4g/s);"
                    + " split the load over several groups or streams, or make each event cheaper",
                    a, MAX_CONSUMERS, MAX_CONSUMERS, mu, MAX_CONSUMERS * mu, lambda));
        }
        int minStable = (int) Math.floor(a) + 1;
        if (minStable > MAX_CONSUMERS) {
            throw new Infeasible(String.format(Locale.ROOT, "the load is λ/μ = %.6g consumers' worth of work: %,d"
                    + " consumers, the most a group may have, would be busy all the time (ρ = 1, no steady state)", a,
                    MAX_CONSUMERS));
        }
        int c = minStable;
        if (!Double.isNaN(target.maxUtilization())) {
            // ρ = a/c ≤ u: start the search where the utilization target is met
            double need = Math.ceil(a / target.maxUtilization() * (1 - 1e-12));
            if (need > MAX_CONSUMERS) {
                throw new Infeasible(String.format(Locale.ROOT, "keeping ρ ≤ %.3g at λ/μ = %.4g needs %s consumers,"
                        + " more than the %,d a group may have", target.maxUtilization(), a,
                        need < 1e15 ? String.format(Locale.ROOT, "%,.0f", need) : String.format(Locale.ROOT, "%.3g", need),
                        MAX_CONSUMERS));
            }
            c = Math.max(c, (int) need);
        }
        boolean waitTarget = !Double.isNaN(target.maxWait()) || !Double.isNaN(target.maxWaitProbability());
        while (true) {
            Prediction p = MMc.predict(c, lambda, mu);
            if (meets(p, target)) {
                break;
            }
            if (waitTarget && p.stable() && p.pWait() < MIN_WAIT_PROBABILITY) {
                throw new Infeasible(String.format(Locale.ROOT, "meeting the target needs a probability of waiting"
                        + " below %.0e: with %,d consumers P(wait) = %.3g and Wq = %.3g s already; figures that small are"
                        + " beyond what the model (or any pool) can show; expected a target of at least Wq ≤ %.3g s or"
                        + " P(wait) ≤ %.0e", MIN_WAIT_PROBABILITY, c, p.pWait(), p.Wq(), p.Wq(), MIN_WAIT_PROBABILITY));
            }
            if (c >= MAX_CONSUMERS) {
                throw new Infeasible(String.format(Locale.ROOT, "no pool of up to %,d consumers (the most a group may"
                        + " have) meets the target: with %,d, ρ = %.3g, P(wait) = %.3g, Wq = %.3g s", MAX_CONSUMERS, c,
                        p.utilization(), p.pWait(), p.Wq()));
            }
            c++;
        }
        // the table: from the last unstable size (or a few below the answer) to two above it
        int lo = Math.max(1, c - minStable > 6 ? c - 4 : minStable - 1);
        int hi = Math.min(MAX_CONSUMERS, Math.max(c + 2, lo + 5));
        List<Row> rows = new ArrayList<>();
        for (int k = lo; k <= hi; k++) {
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
        if (recommended <= MAX_PARTITIONS) {
            sb.append(String.format(Locale.ROOT, ".%nOn a stream, the group needs at least %d partitions to use them all"
                    + " (one consumer per partition; extra consumers idle).%n", recommended));
        } else {
            sb.append(String.format(Locale.ROOT, ".%nA stream has at most %d partitions, so on a stream at most %d of"
                    + " them can work at once; split the load over several streams.%n",
                    MAX_PARTITIONS, MAX_PARTITIONS));
        }
        return sb.toString();
    }

    /** What losing {@code n} consumers (0 to the recommended count) does to the recommended pool. */
    public String afterLosing(int n) {
        if (n < 0 || n > recommended) {
            throw new IllegalArgumentException("can lose 0 to " + recommended + " consumers; got " + n);
        }
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

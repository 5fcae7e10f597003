package dev.tributary.sim.theory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Overload: when λ ≥ cμ there is no steady state. The backlog grows on average at λ − cμ per second
 * (a fluid approximation, exact in the mean for the long run), and a backlog B built up during an
 * outage drains in B/(cμ − λ) seconds once capacity exceeds the arrival rate.
 *
 * <p>Over a finite run that starts empty the averages are exact in expectation: with N(t) the
 * number in system and I(0, t) the server-seconds left idle by time t, N(t) = arrivals − departures
 * gives E[N(t)] = (λ − cμ)t + μ·E[I(0, t)], and departures run at μ per busy server, so the
 * utilization over a window [w, T] is 1 − E[I(w, T)]/(c(T − w)). For M/M/c the idle time is that of
 * a transient birth–death chain: its total expected idle time I(0, ∞) solves a tridiagonal system
 * (the chain's Green's function; Karlin and Taylor, "A First Course in Stochastic Processes", 2nd
 * ed., 1975, §4.7), and the idle time before t follows by uniformization (Grassmann, "Transient
 * solutions in Markovian queueing systems", Computers & Operations Research 4, 1977).
 */
public final class Backlog {

    /** Most work (state updates) spent on the uniformization of the idle time before a warm-up ends. */
    private static final long WORK = 300_000_000L;

    private Backlog() {
    }

    /** Backlog growth per second, λ − cμ (0 or less means it does not grow). */
    public static double growthRate(int c, double lambda, double mu) {
        return lambda - c * mu;
    }

    /** Seconds to drain a backlog of {@code backlog} messages; infinite when cμ ≤ λ. */
    public static double drainTime(double backlog, int c, double lambda, double mu) {
        double spare = c * mu - lambda;
        return spare <= 0 ? Double.POSITIVE_INFINITY : backlog / spare;
    }

    /** The "no steady state" prediction: every worker busy in the long run, the rest piles up. */
    static Prediction unstable(String name, int c, double lambda, double mu) {
        return new Prediction(name, "", true, List.of(), lambda, mu, c, 1, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0, c * mu, false,
                growthRate(c, lambda, mu));
    }

    /**
     * Expected server-seconds an M/M/c queue that starts empty at time 0 leaves idle before it
     * drifts away for good (λ > cμ): Σ_{n<c} (c − n)·τₙ with τₙ the expected total time in state n,
     * from τQ = −e₀ on the chain cut where returning is less likely than 1e-15. Infinite when λ ≤ cμ.
     */
    public static double totalIdle(int c, double lambda, double mu) {
        if (lambda <= c * mu) {
            return Double.POSITIVE_INFINITY;
        }
        int n = c + cut(c, lambda, mu);
        // tridiagonal system in τ_0 … τ_{n−1}: τ_{j−1}λ − τ_j(λ + μ_j) + τ_{j+1}μ_{j+1} = −δ_{j0}
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        double[] rhs = new double[n];
        for (int j = 0; j < n; j++) {
            lower[j] = j > 0 ? lambda : 0;
            diag[j] = -(lambda + Math.min(j, c) * mu);
            upper[j] = j + 1 < n ? Math.min(j + 1, c) * mu : 0;
        }
        rhs[0] = -1;
        double[] tau = thomas(lower, diag, upper, rhs);
        double idle = 0;
        for (int j = 0; j < Math.min(c, n); j++) {
            idle += (c - j) * tau[j];
        }
        return idle;
    }

    /** Levels above c beyond which a return to c − 1 is less likely than 1e-15: (cμ/λ)^m. */
    private static int cut(int c, double lambda, double mu) {
        double r = c * mu / lambda;
        return (int) Math.min(2_000_000, Math.ceil(Math.log(1e-15) / Math.log(r)) + 2);
    }

    /**
     * Expected idle server-seconds in [0, t] of an M/M/c queue that starts empty (λ > cμ):
     * (1/Λ)·Σₖ r(πₖ)·P(Poisson(Λt) > k), πₖ the chain after k uniformized steps (Λ = λ + cμ) and r the
     * idle servers; I(0, ∞) once the chain has certainly left the idle states. NaN when too costly.
     */
    public static double idleUntil(int c, double lambda, double mu, double t) {
        double total = totalIdle(c, lambda, mu);
        if (t <= 0) {
            return 0;
        }
        double bigL = lambda + c * mu;
        double steps = bigL * t;
        int m = cut(c, lambda, mu);
        int kmax = (int) Math.min(Integer.MAX_VALUE - 1L, (long) Math.ceil(steps + 12 * Math.sqrt(steps) + 30));
        // after k steps the chain is below level k; it has left for good once the walk is m levels above c
        double drift = (lambda - c * mu) / bigL;
        int cap = c + m + 1;
        // the chain has left for good by t when its level lies 6 sd above where a return is less likely than 1e-6
        double mean = drift * steps;
        double sd = Math.sqrt(steps);
        double far = Math.log(1e-6) / Math.log(c * mu / lambda);
        if (mean - 6 * sd > c + far) {
            return total;
        }
        if ((double) kmax * Math.min(cap, kmax + 1) > WORK) {
            return Double.NaN;
        }
        int size = Math.min(cap, kmax + 2);
        double[] pi = new double[size];
        double[] next = new double[size];
        pi[0] = 1;
        double p = Math.exp(-steps); // P(Poisson(Λt) = k), built up in logs below for large Λt
        double logP = -steps;
        double cdf = 0;
        double idle = 0;
        for (int k = 0; k <= kmax; k++) {
            p = Math.exp(logP);
            cdf += p;
            double r = 0;
            for (int j = 0; j < Math.min(c, size); j++) {
                r += (c - j) * pi[j];
            }
            idle += r * Math.max(0, 1 - cdf);
            if (r < 1e-18 && lowMass(pi, c + m) < 1e-15) {
                break;
            }
            // one uniformized step: up with λ/Λ, down with μ_j/Λ, stay otherwise (the top state absorbs)
            java.util.Arrays.fill(next, 0);
            for (int j = 0; j < size; j++) {
                double v = pi[j];
                if (v == 0) {
                    continue;
                }
                if (j == size - 1) {
                    next[j] += v;
                    continue;
                }
                double up = lambda / bigL;
                double down = Math.min(j, c) * mu / bigL;
                next[j + 1] += v * up;
                if (j > 0) {
                    next[j - 1] += v * down;
                }
                next[j] += v * (1 - up - down);
            }
            double[] tmp = pi;
            pi = next;
            next = tmp;
            logP += Math.log(steps) - Math.log(k + 1);
        }
        return Math.min(total, idle / bigL);
    }

    private static double lowMass(double[] pi, int level) {
        double s = 0;
        for (int j = 0; j < Math.min(level, pi.length); j++) {
            s += pi[j];
        }
        return s;
    }

    /**
     * The expected figures of an overloaded M/M/c queue that starts empty, over the measured window
     * [from, to]: utilization 1 − I(from, to)/(c(to − from)); throughput cμ times that; mean number in
     * system (λ − cμ)(from + to)/2 + μ·I(0, to) (the idle time, almost all near the start, counted in
     * full); the event completing at t arrived when λa = cμt − μI(0, t), so the mean time in system of
     * the window's completions is (1 − cμ/λ)(from + to)/2 + μI(0, to)/λ; and the expected backlog at
     * the end, (λ − cμ)·to + μ·I(0, to). Null when the idle time cannot be computed.
     */
    public static Map<String, Double> window(int c, double lambda, double mu, double from, double to) {
        if (!(lambda > c * mu) || !(to > from) || Double.isInfinite(to)) {
            return null;
        }
        double iTo = idleUntil(c, lambda, mu, to);
        double iFrom = idleUntil(c, lambda, mu, from);
        if (Double.isNaN(iTo) || Double.isNaN(iFrom)) {
            return null;
        }
        double span = to - from;
        double idle = Math.max(0, iTo - iFrom);
        double util = 1 - idle / (c * span);
        double growth = lambda - c * mu;
        double l = growth * (from + to) / 2 + mu * iTo;
        double w = (1 - c * mu / lambda) * (from + to) / 2 + mu * iTo / lambda;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("utilization", util);
        m.put("throughput", c * mu * util);
        m.put("L", l);
        m.put("Lq", l - c * util);
        m.put("W", w);
        m.put("Wq", w - 1 / mu);
        m.put("backlog", growth * to + mu * iTo);
        return m;
    }

    /** Solves a tridiagonal system (Thomas algorithm); lower[0] and upper[n−1] are ignored. */
    static double[] thomas(double[] lower, double[] diag, double[] upper, double[] rhs) {
        int n = diag.length;
        double[] c = new double[n];
        double[] d = new double[n];
        c[0] = upper[0] / diag[0];
        d[0] = rhs[0] / diag[0];
        for (int i = 1; i < n; i++) {
            double m = diag[i] - lower[i] * c[i - 1];
            c[i] = upper[i] / m;
            d[i] = (rhs[i] - lower[i] * d[i - 1]) / m;
        }
        double[] x = new double[n];
        x[n - 1] = d[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            x[i] = d[i] - c[i] * x[i + 1];
        }
        return x;
    }
}

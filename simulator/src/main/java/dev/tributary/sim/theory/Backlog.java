package dev.tributary.sim.theory;

import java.util.List;

/**
 * Overload: when λ ≥ cμ there is no steady state. The backlog grows on average at λ − cμ per second
 * (a fluid approximation, exact in the mean for the long run), and a backlog B built up during an
 * outage drains in B/(cμ − λ) seconds once capacity exceeds the arrival rate.
 */
public final class Backlog {

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

    /** The "no steady state" prediction. */
    static Prediction unstable(String name, int c, double lambda, double mu) {
        double rho = lambda / (c * mu);
        return new Prediction(name, "", true, List.of(), lambda, mu, c, rho, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 0, c * mu, false,
                growthRate(c, lambda, mu));
    }
}

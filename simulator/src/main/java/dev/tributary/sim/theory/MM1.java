package dev.tributary.sim.theory;

/**
 * M/M/1, the one-server case of {@link MMc}: ρ = λ/μ, L = ρ/(1−ρ), Lq = ρ²/(1−ρ), W = 1/(μ−λ),
 * Wq = ρ/(μ−λ). The time in system is exponential with rate μ − λ, so its p-quantile is
 * −ln(1−p)/(μ−λ) (Kleinrock, "Queueing Systems, Vol. 1", 1975, §3.2).
 */
public final class MM1 {

    private MM1() {
    }

    /** The full prediction. */
    public static Prediction predict(double lambda, double mu) {
        return MMc.predict(1, lambda, mu);
    }

    /** The p-quantile (0 < p < 1) of the time in system. */
    public static double sojournQuantile(double lambda, double mu, double p) {
        return -Math.log(1 - p) / (mu - lambda);
    }
}

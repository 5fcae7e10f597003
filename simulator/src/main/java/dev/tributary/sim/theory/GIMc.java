package dev.tributary.sim.theory;

import java.util.List;

/**
 * GI/M/c: renewal arrivals with any gap law, c identical exponential servers, one FIFO queue,
 * unbounded. Exact.
 *
 * <p>The number in system seen by arrivals is geometric above c − 1 with ratio σ, the root in
 * (0, 1) of σ = A*(cμ(1 − σ)), A* the Laplace–Stieltjes transform of the gap. The boundary is
 * Takács' formula (Takács, "Introduction to the Theory of Queues", 1962, ch. 5; Gross, Shortle,
 * Thompson and Harris, "Fundamentals of Queueing Theory", 4th ed., §6.4.2): with
 * C_j = Π_{i=1..j} A*(iμ)/(1 − A*(iμ)),
 * D⁻¹ = 1/(1 − σ) + Σ_{j=1..c} binom(c, j)/(C_j(1 − A*(jμ))) · (c(1 − A*(jμ)) − j)/(c(1 − σ) − j),
 * P(wait) = D/(1 − σ), and the wait of those who wait is exponential with rate cμ(1 − σ), so
 * Wq = P(wait)/(cμ(1 − σ)). For c = 1 this is P(wait) = σ and W = 1/(μ(1 − σ)). With exponential
 * gaps σ = λ/(cμ) and the formula gives Erlang C back.
 */
public final class GIMc {

    private GIMc() {
    }

    /** σ, the root in (0, 1) of σ = A*(cμ(1 − σ)); NaN when λ ≥ cμ. */
    public static double sigma(Interarrival a, int c, double mu) {
        double cmu = c * mu;
        if (a.rate() >= cmu) {
            return Double.NaN;
        }
        // f(x) = A*(cμ(1 − x)) − x is positive at 0 and negative just below 1 when ρ < 1; it is convex,
        // so the root in between is unique: bisect
        double lo = 0;
        double hi = 1 - 1e-3;
        for (int i = 0; i < 14 && a.lst(cmu * (1 - hi)) - hi >= 0; i++) {
            hi = 1 - (1 - hi) / 10;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-16; i++) {
            double mid = (lo + hi) / 2;
            if (a.lst(cmu * (1 - mid)) - mid > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(an arrival waits), by Takács' formula. */
    public static double waitProbability(Interarrival a, int c, double mu) {
        double s = sigma(a, c, mu);
        if (Double.isNaN(s)) {
            return 1;
        }
        double sum = 1 / (1 - s);
        double cj = 1;
        double binom = 1;
        for (int j = 1; j <= c; j++) {
            double aj = a.lst(j * mu);
            cj *= aj / (1 - aj);
            binom = binom * (c - j + 1) / j;
            sum += binom / (cj * (1 - aj)) * ratio(a, c, mu, s, j, aj);
        }
        return 1 / (sum * (1 - s));
    }

    /**
     * (c(1 − A*(jμ)) − j)/(c(1 − σ) − j). Both vanish together when c(1 − σ) = j (then A*(jμ) = σ);
     * with x₀ = 1 − j/c and g(x) = x − A*(cμ(1 − x)) the ratio is the divided difference
     * (g(x₀) − g(σ))/(x₀ − σ), which near the pole is taken as the derivative g' at the midpoint.
     */
    private static double ratio(Interarrival a, int c, double mu, double s, int j, double aj) {
        double den = c * (1 - s) - j;
        if (Math.abs(den) > 1e-6 * j) {
            return (c * (1 - aj) - j) / den;
        }
        double x = (s + 1 - (double) j / c) / 2;
        double h = 1e-6;
        double cmu = c * mu;
        double d = (a.lst(cmu * (1 - x - h)) - a.lst(cmu * (1 - x + h))) / (2 * h);
        return 1 - d;
    }

    /** The full prediction (unstable when λ ≥ cμ). */
    public static Prediction predict(Interarrival a, int c, double mu) {
        double lambda = a.rate();
        String name = a.kendall() + "/M/" + c;
        if (lambda >= c * mu) {
            return Backlog.unstable(name, c, lambda, mu);
        }
        double s = sigma(a, c, mu);
        double pw = waitProbability(a, c, mu);
        double wq = pw / (c * mu * (1 - s));
        double w = wq + 1 / mu;
        double theta = c * mu * (1 - s);
        return new Prediction(name, "", true, List.of(), lambda, mu, c, lambda / (c * mu), lambda * w, lambda * wq, w, wq,
                pw, 0, lambda, true, 0)
                .with(Network.TAIL, (java.util.function.DoubleUnaryOperator) t -> sojournTail(pw, theta, mu, t))
                .with("relaxationTime", relaxationTime(c, mu, s));
    }

    /**
     * How long the queue takes to forget how it started, seconds: 1/(cμ(1 − √σ)²), the relaxation
     * time of M/M/1 (Morse, "Stochastic properties of waiting lines", Operations Research 3, 1955)
     * with the geometric ratio σ of the queue seen by arrivals in place of ρ. A rough scale, not a
     * bound: runs much shorter than it measure averages, and above all percentiles, that are still
     * on their way to the steady state.
     */
    public static double relaxationTime(int c, double mu, double sigma) {
        double r = 1 - Math.sqrt(sigma);
        return 1 / (c * mu * r * r);
    }

    /**
     * P(T > t) for the time in system T = Wq + S: Wq is 0 with probability 1 − P(wait), else
     * exponential with rate θ = cμ(1 − σ); S is exponential with rate μ. So
     * P(T > t) = e^(−μt) + P(wait)·μ/(θ − μ)·(e^(−μt) − e^(−θt)), and e^(−μt)(1 + P(wait)μt) when θ = μ.
     */
    public static double sojournTail(Interarrival a, int c, double mu, double t) {
        double s = sigma(a, c, mu);
        double pw = waitProbability(a, c, mu);
        return sojournTail(pw, c * mu * (1 - s), mu, t);
    }

    /** The sojourn tail from P(wait), the rate θ of the conditional wait, and the service rate. */
    static double sojournTail(double pw, double theta, double mu, double t) {
        if (Math.abs(theta - mu) < 1e-9 * mu) {
            return Math.exp(-mu * t) * (1 + pw * mu * t);
        }
        return Math.exp(-mu * t) + pw * mu / (theta - mu) * (Math.exp(-mu * t) - Math.exp(-theta * t));
    }
}

package dev.tributary.sim.theory;

import java.util.List;

/**
 * M/M/c: Poisson arrivals, exponential service, c identical servers, one FIFO queue.
 *
 * <p>Erlang C from Erlang B: C = B / (1 − ρ(1 − B)), ρ = λ/(cμ) (Gross, Shortle, Thompson and
 * Harris, "Fundamentals of Queueing Theory", 4th ed., §2.3); then Lq = C·ρ/(1 − ρ),
 * Wq = Lq/λ, W = Wq + 1/μ, L = λW. Via the Erlang B recursion this is stable for c in the hundreds
 * and beyond. With c = 1 it reduces to M/M/1: L = ρ/(1−ρ), W = 1/(μ−λ).
 */
public final class MMc {

    private MMc() {
    }

    /** Probability that an arrival has to wait (Erlang C); 1 when ρ ≥ 1. */
    public static double erlangC(int c, double lambda, double mu) {
        double a = lambda / mu;
        double rho = a / c;
        if (rho >= 1) {
            return 1;
        }
        double b = ErlangB.blocking(c, a);
        return b / (1 - rho * (1 - b));
    }

    /** The full prediction; unstable (growth λ − cμ) when ρ ≥ 1. */
    public static Prediction predict(int c, double lambda, double mu) {
        double rho = lambda / (c * mu);
        String name = "M/M/" + c;
        if (rho >= 1) {
            return Backlog.unstable(name, c, lambda, mu);
        }
        double pw = erlangC(c, lambda, mu);
        double lq = pw * rho / (1 - rho);
        double wq = lq / lambda;
        double w = wq + 1 / mu;
        return new Prediction(name, "", true, List.of(), lambda, mu, c, rho, lambda * w, lq, w, wq, pw, 0, lambda,
                true, 0).with(Network.TAIL, (java.util.function.DoubleUnaryOperator) t -> sojournTail(c, lambda, mu, t))
                .with("relaxationTime", GIMc.relaxationTime(c, mu, rho));
    }

    /**
     * P(T > t) for the time in system T of a FCFS M/M/c queue: e^(−μt)·[1 + C·(1 − e^(−μt(c − 1 − a)))/(c − 1 − a)],
     * a = λ/μ, and e^(−μt)(1 + Cμt) when c − 1 = a (Gross, Shortle, Thompson and Harris, "Fundamentals of
     * Queueing Theory", 4th ed., §2.3.1). For c = 1 it is e^(−(μ − λ)t).
     */
    public static double sojournTail(int c, double lambda, double mu, double t) {
        double a = lambda / mu;
        double pw = erlangC(c, lambda, mu);
        double k = c - 1 - a;
        if (Math.abs(k) < 1e-9) {
            return Math.exp(-mu * t) * (1 + pw * mu * t);
        }
        return Math.exp(-mu * t) * (1 + pw * (1 - Math.exp(-mu * t * k)) / k);
    }

    /** The p-quantile of the time in system (bisection on {@link #sojournTail}); NaN when unstable. */
    public static double sojournQuantile(int c, double lambda, double mu, double p) {
        if (lambda >= c * mu) {
            return Double.NaN;
        }
        return Quantiles.of(t -> sojournTail(c, lambda, mu, t), p);
    }

    /** The p-quantile of the waiting time: P(Wq > t) = C·e^(−(cμ − λ)t), so 0 when p ≤ 1 − C. */
    public static double waitQuantile(int c, double lambda, double mu, double p) {
        double pw = erlangC(c, lambda, mu);
        if (p <= 1 - pw) {
            return 0;
        }
        return -Math.log((1 - p) / pw) / (c * mu - lambda);
    }
}

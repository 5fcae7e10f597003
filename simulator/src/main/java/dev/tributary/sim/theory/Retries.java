package dev.tributary.sim.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * What retries do to a consumer group's load, in closed form. An event of class t fails each
 * attempt independently with probability p<sub>t</sub> (classes are event types, weighted by their
 * share of the traffic); a poison share π fails every attempt (p = 1); after the first attempt come
 * at most r retries. Then:
 *
 * <ul>
 *   <li>P(an event makes at least k + 1 attempts) = reach(k) = (1 − π) Σ<sub>t</sub> w<sub>t</sub> p<sub>t</sub><sup>k</sup> + π;</li>
 *   <li>attempts per event A = Σ<sub>k=0..r</sub> reach(k), which for one class is 1 + p + … + p<sup>r</sup>:
 *       the offered load with retries is λ<sub>eff</sub> = λA;</li>
 *   <li>the share that runs out of attempts (DLQ or dropped) d = reach(r + 1), i.e. p<sup>r+1</sup> (+ poison);</li>
 *   <li>a blocking retry keeps its worker through every failed attempt and backoff: the worker's
 *       service time T is the sum of the attempts and backoffs, whose mean and SCV feed M/G/c.</li>
 * </ul>
 *
 * @param weight      share of each class (sums to 1)
 * @param probability failure probability of one attempt of each class
 * @param poison      poison share π
 * @param retries     r, attempts after the first
 * @param failedCost  the share of a service time a failed attempt takes
 * @param backoffMean mean wait before retry j at index j − 1 (length r)
 * @param backoffVar  variance of that wait (length r)
 */
public record Retries(double[] weight, double[] probability, double poison, int retries, double failedCost,
                      double[] backoffMean, double[] backoffVar) {

    /** P(an event makes at least {@code k} + 1 attempts); reach(0) = 1. */
    public double reach(int k) {
        double s = 0;
        for (int t = 0; t < weight.length; t++) {
            s += weight[t] * Math.pow(probability[t], k);
        }
        return (1 - poison) * s + poison;
    }

    /** Attempts per event, A = Σ_{k=0..r} reach(k). */
    public double attemptsPerEvent() {
        double a = 0;
        for (int k = 0; k <= retries; k++) {
            a += reach(k);
        }
        return a;
    }

    /** The share of events that run out of attempts, reach(r + 1). */
    public double deadFraction() {
        return reach(retries + 1);
    }

    /** The share of attempts that fail: (A − (1 − d)) / A. */
    public double failedShare() {
        double a = attemptsPerEvent();
        return (a - (1 - deadFraction())) / a;
    }

    /** Mean number of events waiting out a backoff per unit arrival rate: Σ_{j=1..r} reach(j)·E[B_j]. */
    public double backoffPerEvent() {
        double s = 0;
        for (int j = 1; j <= retries; j++) {
            s += reach(j) * backoffMean[j - 1];
        }
        return s;
    }

    /**
     * Mean and SCV of one attempt's duration when it fails with probability {@code q}: S with
     * probability 1 − q, c·S with probability q (c the failed cost). E[X] = m(1 − q + qc),
     * E[X²] = E[S²](1 − q + qc²).
     */
    public double[] attempt(double mean, double scv, double q) {
        double c = failedCost;
        double m1 = mean * (1 - q + q * c);
        double m2 = mean * mean * (1 + scv) * (1 - q + q * c * c);
        return new double[] {m1, m1 == 0 ? 0 : Math.max(0, m2 / (m1 * m1) - 1)};
    }

    /**
     * Mean and SCV of a worker's time with one event under blocking retries. Given that the event
     * succeeds at attempt k (probability (1 − p)p<sup>k−1</sup>, k ≤ r + 1), T = (k − 1) failed
     * attempts + one success + backoffs B<sub>1</sub> … B<sub>k−1</sub>; given that every attempt
     * fails (p<sup>r+1</sup>), T = r + 1 failed attempts + B<sub>1</sub> … B<sub>r</sub>. All parts
     * are independent, so each case's mean and variance add up; the cases and classes mix.
     *
     * @return {mean, SCV, mean given success, mean given exhaustion}
     */
    public double[] blocking(double mean, double scv) {
        double v = scv * mean * mean;
        double c = failedCost;
        double e1 = 0;
        double e2 = 0;
        double eSucc = 0;
        double pSucc = 0;
        double eDead = 0;
        double pDead = 0;
        int classes = weight.length + 1;
        for (int t = 0; t < classes; t++) {
            double w = t < weight.length ? (1 - poison) * weight[t] : poison;
            double p = t < weight.length ? probability[t] : 1;
            if (w == 0) {
                continue;
            }
            double bMean = 0;
            double bVar = 0;
            for (int k = 1; k <= retries + 1; k++) {
                // success at attempt k, after k − 1 failures and k − 1 backoffs
                double pk = (1 - p) * Math.pow(p, k - 1);
                if (pk > 0) {
                    double mu = (k - 1) * c * mean + mean + bMean;
                    double var = (k - 1) * c * c * v + v + bVar;
                    e1 += w * pk * mu;
                    e2 += w * pk * (var + mu * mu);
                    eSucc += w * pk * mu;
                    pSucc += w * pk;
                }
                if (k <= retries) {
                    bMean += backoffMean[k - 1];
                    bVar += backoffVar[k - 1];
                }
            }
            double pAll = Math.pow(p, retries + 1);
            if (pAll > 0) {
                double mu = (retries + 1) * c * mean + bMean;
                double var = (retries + 1) * c * c * v + bVar;
                e1 += w * pAll * mu;
                e2 += w * pAll * (var + mu * mu);
                eDead += w * pAll * mu;
                pDead += w * pAll;
            }
        }
        double scvT = e1 == 0 ? 0 : Math.max(0, e2 / (e1 * e1) - 1);
        return new double[] {e1, scvT, pSucc == 0 ? Double.NaN : eSucc / pSucc, pDead == 0 ? Double.NaN : eDead / pDead};
    }

    /**
     * Mean time in the group of an event that succeeds, when each attempt is a separate pass of W
     * seconds (requeue): success at attempt k costs k passes and k − 1 backoffs.
     */
    public double requeueTimeToSuccess(double passW) {
        double num = 0;
        double den = 0;
        int classes = weight.length + 1;
        for (int t = 0; t < classes; t++) {
            double w = t < weight.length ? (1 - poison) * weight[t] : poison;
            double p = t < weight.length ? probability[t] : 1;
            double b = 0;
            for (int k = 1; k <= retries + 1; k++) {
                double pk = w * (1 - p) * Math.pow(p, k - 1);
                num += pk * (k * passW + b);
                den += pk;
                if (k <= retries) {
                    b += backoffMean[k - 1];
                }
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** The same retries with every class failing with probability {@code p} (poison kept). */
    public Retries withProbability(double p) {
        double[] q = new double[probability.length];
        java.util.Arrays.fill(q, p);
        return new Retries(weight, q, poison, retries, failedCost, backoffMean, backoffVar);
    }

    /**
     * The smallest per-attempt failure probability at which retries alone make the group unstable:
     * the root of ρ(p) = 1 by bisection, where {@code rho} gives the busiest station's utilization
     * when every class fails with probability p. NaN when even p = 1 leaves it stable; 0 when it is
     * unstable without failures.
     */
    public static double criticalProbability(DoubleUnaryOperator rho) {
        if (rho.applyAsDouble(0) >= 1) {
            return 0;
        }
        if (rho.applyAsDouble(1) < 1) {
            return Double.NaN;
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (rho.applyAsDouble(mid) >= 1) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}

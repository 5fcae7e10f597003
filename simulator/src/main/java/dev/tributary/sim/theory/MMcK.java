package dev.tributary.sim.theory;

import java.util.List;

/**
 * M/M/c/K: c servers and room for K in the system (K − c waiting); arrivals finding it full are
 * lost. Birth–death stationary distribution p_n ∝ a^n/n! for n ≤ c and a^c/c!·ρ^(n−c) above
 * (Gross et al., "Fundamentals of Queueing Theory", 4th ed., §2.5). Computed in logarithms with a
 * max shift, so large K and ρ > 1 neither overflow nor underflow. A finite buffer is always stable.
 */
public final class MMcK {

    private MMcK() {
    }

    /** P(n in system), n = 0 … k, for {@code c} servers and system capacity {@code k}. */
    public static double[] distribution(int c, int k, double lambda, double mu) {
        double a = lambda / mu;
        double[] logp = new double[k + 1];
        double max = 0;
        for (int n = 1; n <= k; n++) {
            logp[n] = logp[n - 1] + Math.log(a / Math.min(n, c));
            max = Math.max(max, logp[n]);
        }
        double norm = 0;
        for (int n = 0; n <= k; n++) {
            norm += Math.exp(logp[n] - max);
        }
        double[] p = new double[k + 1];
        for (int n = 0; n <= k; n++) {
            p[n] = Math.exp(logp[n] - max) / norm;
        }
        return p;
    }

    /** The prediction for {@code c} servers, system capacity {@code k} (≥ c). */
    public static Prediction predict(int c, int k, double lambda, double mu) {
        double a = lambda / mu;
        double[] logp = new double[k + 1];
        double max = 0;
        for (int n = 1; n <= k; n++) {
            logp[n] = logp[n - 1] + Math.log(a / Math.min(n, c));
            max = Math.max(max, logp[n]);
        }
        double norm = 0;
        for (int n = 0; n <= k; n++) {
            norm += Math.exp(logp[n] - max);
        }
        double l = 0;
        double lq = 0;
        double busy = 0;
        double pWaitNum = 0;
        for (int n = 0; n <= k; n++) {
            double p = Math.exp(logp[n] - max) / norm;
            l += n * p;
            lq += Math.max(0, n - c) * p;
            busy += Math.min(n, c) * p;
            if (n >= c && n < k) {
                pWaitNum += p;
            }
        }
        double pk = Math.exp(logp[k] - max) / norm;
        double lambdaEff = lambda * (1 - pk);
        double w = l / lambdaEff;
        double wq = lq / lambdaEff;
        double pWait = pWaitNum / (1 - pk);
        return new Prediction("M/M/" + c + "/" + k, "", true, List.of(), lambda, mu, c, busy / c, l, lq, w, wq, pWait,
                pk, lambdaEff, true, 0);
    }
}

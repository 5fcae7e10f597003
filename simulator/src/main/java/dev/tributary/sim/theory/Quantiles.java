package dev.tributary.sim.theory;

import java.util.function.DoubleUnaryOperator;

/** Quantiles of a time from its tail function P(T > t), by bracketing and bisection. */
final class Quantiles {

    private Quantiles() {
    }

    /** The smallest t with P(T > t) ≤ 1 − p, to a relative precision of 1e-10. */
    static double of(DoubleUnaryOperator tail, double p) {
        double target = 1 - p;
        double hi = 1e-9;
        while (tail.applyAsDouble(hi) > target) {
            hi *= 2;
            if (hi > 1e15) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (tail.applyAsDouble(mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}

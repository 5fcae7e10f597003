package dev.tributary.sim.metrics;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with its 95% confidence half-width, from independent observations (replications, or
 * batch means of one run): x̄ ± t(0.975, n−1) · s/√n (Law, "Simulation Modeling and Analysis",
 * 5th ed., §9.4.1).
 */
public record Estimate(double mean, double halfWidth, int n) {

    /** The estimate from independent observations; the half-width is NaN with fewer than two. */
    public static Estimate of(double[] xs) {
        int n = 0;
        double sum = 0;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                n++;
                sum += x;
            }
        }
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN, n);
        }
        double ss = 0;
        for (double x : xs) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(mean, t * sd / Math.sqrt(n), n);
    }

    /** The estimate from a list of observations. */
    public static Estimate of(List<Double> xs) {
        return of(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Whether {@code value} lies inside mean ± halfWidth. */
    public boolean contains(double value) {
        return !Double.isNaN(halfWidth) && Math.abs(value - mean) <= halfWidth;
    }

    /** Lower end of the interval. */
    public double low() {
        return mean - halfWidth;
    }

    /** Upper end of the interval. */
    public double high() {
        return mean + halfWidth;
    }
}

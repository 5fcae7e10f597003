package dev.tributary.sim.metrics;

/**
 * Non-overlapping batch means for one long run: split the post-warm-up samples into k equal
 * batches, treat the batch averages as roughly independent, and form a Student-t interval over them
 * (Law, "Simulation Modeling and Analysis", 5th ed., §9.5.3). Twenty batches is the usual choice.
 */
public final class BatchMeans {

    /** Default number of batches. */
    public static final int BATCHES = 20;

    private BatchMeans() {
    }

    /** The estimate from samples at indices [from, values.length), weighted equally; NaN half-width if too few. */
    public static Estimate of(double[] values, int from, int batches) {
        int n = values.length - from;
        if (n < batches * 2) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        int size = n / batches;
        double[] means = new double[batches];
        for (int b = 0; b < batches; b++) {
            double s = 0;
            int cnt = 0;
            for (int i = from + b * size; i < from + (b + 1) * size; i++) {
                if (!Double.isNaN(values[i])) {
                    s += values[i];
                    cnt++;
                }
            }
            means[b] = cnt == 0 ? Double.NaN : s / cnt;
        }
        return Estimate.of(means);
    }
}

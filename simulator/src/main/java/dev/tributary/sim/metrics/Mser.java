package dev.tributary.sim.metrics;

/**
 * MSER-5 warm-up detection (White, "An effective truncation heuristic for bias reduction in
 * simulation output", Simulation 69(6), 1997): average the series in batches of 5, then pick the
 * truncation point d that minimises MSER(d) = Σ_{i>d} (x_i − x̄_d)² / (n − d)², searching only the
 * first half (a minimum in the second half means the run is too short to tell).
 */
public final class Mser {

    /** Batch size of MSER-5. */
    public static final int BATCH = 5;

    private Mser() {
    }

    /** Index (into {@code series}) where the steady state starts; 0 when no warm-up is needed. */
    public static int truncationIndex(double[] series) {
        int n = series.length / BATCH;
        if (n < 4) {
            return 0;
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < BATCH; j++) {
                s += series[i * BATCH + j];
            }
            b[i] = s / BATCH;
        }
        // suffix sums give every MSER(d) in O(n)
        double[] suffix = new double[n + 1];
        double[] suffix2 = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + b[i];
            suffix2[i] = suffix2[i + 1] + b[i] * b[i];
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= n / 2; d++) {
            int m = n - d;
            double mean = suffix[d] / m;
            double ss = suffix2[d] - m * mean * mean;
            double v = ss / ((double) m * m);
            if (v < bestValue) {
                bestValue = v;
                best = d;
            }
        }
        return best * BATCH;
    }
}

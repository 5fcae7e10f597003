package dev.tributary.sim.engine;

/**
 * Standard exponential variates by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for
 * Generating Random Variables", J. Stat. Software 5(8), 2000): 256 layers of equal area
 * {@link #V} under f(x) = e<sup>−x</sup>, the base layer carrying the tail beyond {@link #R}. About 98.9%
 * of draws are one table look-up, one multiplication and one comparison; the rest test a wedge against
 * e<sup>−x</sup> or draw from the tail (which, f being memoryless, is R plus a fresh variate).
 *
 * <p>Determinism: the tables are computed once, with {@link StrictMath}, from the two constants, so
 * they are the same bits on every JVM and CPU; the hot path uses only IEEE-754 multiplications and
 * comparisons, and the rare wedge and tail draws use StrictMath too. A run is therefore bit-identical
 * everywhere, as with the inversion it replaces, at a fraction of a logarithm's cost.
 */
final class ExponentialZiggurat {

    /** Number of layers (the low 8 bits of a draw pick one). */
    static final int LAYERS = 256;
    /** Where the tail starts, for 256 layers (Marsaglia and Tsang 2000, {@code de}). */
    static final double R = 7.69711747013104972;
    /** Area of each layer, the base's rectangle plus the tail (Marsaglia and Tsang 2000, {@code ve}). */
    static final double V = 3.949659822581572e-3;

    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /** Layer i spans x in [0, X[i]]; X[0] = V / f(R) is the base's pseudo-width, X[1] = R, X[256] = 0. */
    static final double[] X = new double[LAYERS + 1];
    /** F[i] = e^(−X[i]). */
    static final double[] F = new double[LAYERS + 1];
    /**
     * XU[i] = X[i] · 2<sup>−53</sup>, exactly (a power of two scales without rounding): a 53-bit integer u
     * times XU[i] is the same double as (u · 2<sup>−53</sup>) · X[i], one multiplication fewer per draw.
     */
    static final double[] XU = new double[LAYERS + 1];

    static {
        X[0] = V / StrictMath.exp(-R);
        X[1] = R;
        for (int i = 1; i < LAYERS - 1; i++) {
            // layer i has area V: X[i] · (f(X[i+1]) − f(X[i])) = V
            X[i + 1] = -StrictMath.log(V / X[i] + StrictMath.exp(-X[i]));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = StrictMath.exp(-X[i]);
            XU[i] = X[i] * DOUBLE_UNIT;
        }
    }

    private ExponentialZiggurat() {
    }

    /** A standard (mean 1) exponential variate from {@code random}. */
    static double sample(RandomStream random) {
        double shift = 0;
        while (true) {
            long bits = random.nextLong();
            int i = (int) bits & (LAYERS - 1);
            double x = (bits >>> 11) * XU[i];
            if (x < X[i + 1]) {
                return shift + x; // inside the layer's core: under the curve for sure
            }
            if (i == 0) {
                shift += R; // the tail beyond R is R plus a fresh exponential (memorylessness)
                continue;
            }
            // the wedge between X[i+1] and X[i]: accept when a uniform height falls under the curve
            if (F[i] + random.nextDouble() * (F[i + 1] - F[i]) < StrictMath.exp(-x)) {
                return shift + x;
            }
        }
    }
}

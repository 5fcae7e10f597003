package dev.tributary.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExponentialZigguratTest {

    @Test
    void everyLayerHasTheSameAreaAndTheTopReachesTheCurvesPeak() {
        double[] x = ExponentialZiggurat.X;
        double[] f = ExponentialZiggurat.F;
        double v = ExponentialZiggurat.V;
        // the base: rectangle [0, R] × [0, f(R)] plus the tail ∫_R^∞ e^−x dx = e^−R
        double r = ExponentialZiggurat.R;
        assertThat(r * Math.exp(-r) + Math.exp(-r)).isCloseTo(v, within(1e-12));
        for (int i = 1; i < ExponentialZiggurat.LAYERS; i++) {
            assertThat(x[i]).isGreaterThan(x[i + 1]);
            assertThat(x[i] * (f[i + 1] - f[i])).as("layer %d", i).isCloseTo(v, within(1e-12));
        }
        // the top layer ends at the peak f(0) = 1: the constants close the ziggurat
        assertThat(f[ExponentialZiggurat.LAYERS]).isEqualTo(1.0);
        assertThat(x[ExponentialZiggurat.LAYERS - 1] * (1 - f[ExponentialZiggurat.LAYERS - 1])).isCloseTo(v, within(1e-9));
    }

    @Test
    void samplesFollowTheExponentialLawIncludingTheTail() {
        RandomStream random = new RandomStream(2024);
        int n = 400_000;
        double[] xs = new double[n];
        long beyondR = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = ExponentialZiggurat.sample(random);
            assertThat(xs[i]).isGreaterThanOrEqualTo(0);
            if (xs[i] > ExponentialZiggurat.R) {
                beyondR++;
            }
        }
        Arrays.sort(xs);
        // Kolmogorov–Smirnov against 1 − e^−x: the 0.1% critical value is 1.95/√n ≈ 0.0031
        double d = 0;
        for (int i = 0; i < n; i++) {
            double cdf = 1 - Math.exp(-xs[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
        }
        assertThat(d).isLessThan(1.95 / Math.sqrt(n));
        // P(X > R) = e^−R ≈ 4.5e-4: about 181 of 400,000 (sd ≈ 13.5); 5 sd either side
        double expected = n * Math.exp(-ExponentialZiggurat.R);
        assertThat((double) beyondR).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        // and the tail itself is exponential beyond R: its mean excess is 1
        double excess = 0;
        int k = 0;
        for (double x : xs) {
            if (x > 3) {
                excess += x - 3;
                k++;
            }
        }
        assertThat(excess / k).isCloseTo(1.0, within(5 / Math.sqrt(k)));
    }

    @Test
    void thePremultipliedTableGivesTheSameDoubles() {
        // u · (X[i] · 2^-53) must be (u · 2^-53) · X[i] to the bit, or every run would change
        RandomStream r = new RandomStream(5);
        for (int n = 0; n < 1_000_000; n++) {
            long bits = r.nextLong();
            int i = (int) bits & (ExponentialZiggurat.LAYERS - 1);
            assertThat((bits >>> 11) * ExponentialZiggurat.XU[i]).isEqualTo((bits >>> 11) * 0x1.0p-53 * ExponentialZiggurat.X[i]);
        }
    }

    @Test
    void tablesAndDrawsArePinnedBitForBit() {
        // the tables come from StrictMath, so these bits hold on every JVM; a change here changes every run
        assertThat(Double.doubleToRawLongBits(ExponentialZiggurat.X[0])).isEqualTo(0x402164ec94bf5dd5L);
        RandomStream random = new RandomStream(7);
        long h = 0;
        for (int i = 0; i < 10_000; i++) {
            h = h * 31 + Double.doubleToRawLongBits(ExponentialZiggurat.sample(random));
        }
        assertThat(h).isEqualTo(7981909989573347170L);
    }
}

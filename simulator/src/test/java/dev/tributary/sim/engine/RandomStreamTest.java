package dev.tributary.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void derivedStreamsAreReproducibleAndIndependentOfEachOther() {
        RandomStream a1 = RandomStream.derive(42, "checkout", "arrivals");
        RandomStream a2 = RandomStream.derive(42, "checkout", "arrivals");
        RandomStream b = RandomStream.derive(42, "checkout", "keys");
        RandomStream c = RandomStream.derive(42, "payment", "arrivals");
        RandomStream d = RandomStream.derive(43, "checkout", "arrivals");
        long x = a1.nextLong();
        assertThat(a2.nextLong()).isEqualTo(x);
        assertThat(b.nextLong()).isNotEqualTo(x);
        assertThat(c.nextLong()).isNotEqualTo(x);
        assertThat(d.nextLong()).isNotEqualTo(x);
    }

    @Test
    void uniformAndExponentialMomentsMatch() {
        // n = 10^6: the standard error of a U(0,1) mean is 0.289/1000 ≈ 2.9e-4; 5 SE = 1.5e-3
        RandomStream r = new RandomStream(99);
        int n = 1_000_000;
        double su = 0;
        double se = 0;
        double se2 = 0;
        for (int i = 0; i < n; i++) {
            su += r.nextDouble();
            double x = r.exponential(2.0);
            se += x;
            se2 += x * x;
        }
        assertThat(su / n).isCloseTo(0.5, within(1.5e-3));
        // exponential(mean 2): SE of the mean = 2/1000; 5 SE = 0.01; E[X²] = 2·mean² = 8
        assertThat(se / n).isCloseTo(2.0, within(0.01));
        assertThat(se2 / n).isCloseTo(8.0, within(0.15));
    }

    @Test
    void nextIntStaysInBounds() {
        RandomStream r = new RandomStream(5);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            // expected 10,000 per bin, sd ≈ 93: 5 sd = 465
            assertThat(c).isBetween(9_535, 10_465);
        }
    }
}

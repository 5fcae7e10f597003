package dev.tributary.app.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RunHistoryTest {

    /**
     * The case: a rate of 3/s sampled every 0.36 s, where the first intervals hold no event.
     * An exponential average started at 0 (weight 0.05) still read 1.8 after 24 s; the smoothed rate
     * must be near 3 by then.
     */
    @Test
    void aSmoothedRateStartsFromTheDataNotFromZero() {
        Random r = new Random(7);
        RunHistory.Smoother s = new RunHistory.Smoother();
        double dt = 0.36;
        double last = Double.NaN;
        double next = -Math.log(r.nextDouble()) / 3;
        for (int i = 1; i * dt <= 24; i++) {
            int n = 0;
            while (next <= i * dt) {
                n++;
                next += -Math.log(r.nextDouble()) / 3;
            }
            last = s.add(i * dt, n / dt);
        }
        // about 70 events by t = 24 s: a 95% band of roughly ±25% around 3
        assertThat(last).isCloseTo(3.0, within(0.75));
    }

    @Test
    void aSmoothedRateFollowsAChangeWithinAFewTimeConstants() {
        RunHistory.Smoother s = new RunHistory.Smoother();
        double v = 0;
        for (int i = 1; i <= 1000; i++) {
            v = s.add(i, 10); // 10 events per 1 s interval, exactly
        }
        assertThat(v).isCloseTo(10.0, within(1e-9));
        for (int i = 1001; i <= 1100; i++) {
            v = s.add(i, 20);
        }
        // 50 events is the window: 100 s at 20/s is several time constants
        assertThat(v).isCloseTo(20.0, within(0.5));
    }

    @Test
    void everyElementKeepsItsOwnLines() {
        RunHistory h = new RunHistory();
        h.of("a").samples("L", new double[] {1, 2}, new double[] {3, 4});
        h.of("b").samples("L", new double[] {1}, new double[] {9});
        assertThat(h.of("a").line("L").absorbed()).isEqualTo(2);
        assertThat(h.of("a").raw("L").size()).isEqualTo(2);
        assertThat(h.of("b").line("L").lastY()).isEqualTo(9.0);
        assertThat(h.of("c").has("L")).isFalse();
    }

    @Test
    void runningMeansFollowTheReportsWindowAcrossTheWarmUp() {
        RunHistory h = new RunHistory();
        h.clear(12);
        RunHistory.Element e = h.of("q");
        // L averaged over (0,5], (5,10], (10,15], (15,20]; the model resets at 12, so the third interval's
        // average holds only the area after 12 divided by its whole length
        e.samples("L.avg", new double[] {5, 10, 15, 20}, new double[] {2, 4, 0.6, 3});
        e.samples("throughput", new double[] {5, 10, 15, 20}, new double[] {1, 1, 0.4, 2});
        e.samples("W.avg", new double[] {5, 10, 15, 20}, new double[] {1, 3, 2, 4});
        e.fold();
        SeriesBuffer l = e.line("cum.L.avg");
        assertThat(l.absorbed()).isEqualTo(4);
        assertThat(l.y(0)).isCloseTo(2.0, within(1e-12));             // since the start: 10 / 5
        assertThat(l.y(1)).isCloseTo(3.0, within(1e-12));             // (10 + 20) / 10
        assertThat(l.y(2)).isCloseTo(0.6 * 5 / 3, within(1e-12));     // area after 12 over 3 s
        assertThat(l.y(3)).isCloseTo((3 + 15) / 8.0, within(1e-12));  // (3 + 15) over 8 s
        SeriesBuffer w = e.line("cum.W.avg");
        // weighted by completions: 2 after the warm-up at W = 2, then 10 at W = 4
        assertThat(w.lastY()).isCloseTo((2 * 2 + 10 * 4) / 12.0, within(1e-12));
        // folding again adds nothing; new samples extend the lines
        e.fold();
        assertThat(l.absorbed()).isEqualTo(4);
        e.samples("L.avg", new double[] {25}, new double[] {1});
        e.fold();
        assertThat(l.lastY()).isCloseTo((3 + 15 + 5) / 13.0, within(1e-12));
    }
}

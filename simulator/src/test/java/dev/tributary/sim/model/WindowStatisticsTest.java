package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Windows against theory: Poisson counts per key and window. */
@Tag("statistical")
class WindowStatisticsTest {

    /**
     * 50 keys at 0.1/s each, windows of 30 s every 10 s: N ~ Poisson(3) per key and window. Output
     * 50 (1 − e^−3)/10 = 4.751/s, alerts at 5 or more 50 P(N ≥ 5)/10 = 0.9236/s, windows open
     * 50 (30 − (1 − e^−3)/0.1)/10 = 102.49 (Little's law; lateness 0, no delay upstream). Windows
     * close every 10 s all at once, so the run's ends sit between closes: 210 of them in 2,100 s.
     */
    @Test
    void slidingWindowsOfPoissonEventsMatchTheirCounts() {
        Scenario s = yaml("""
                duration: 2405s
                warmup: 305s
                producers: [{id: p, to: w, arrivals: poisson(5/s), keys: uniform(50)}]
                channels:
                  - {id: w, type: window, window: "sliding(30s, 10s)", alert: {count: 5}}
                """);
        Map<String, Object> predicted = ScenarioTheory.predict(s).get("w").toMap();
        var runs = Replicated.replicate(s, 10, "w");
        double output = (double) predicted.get("outputRate");
        double alerts = (double) predicted.get("alertRate");
        double open = (double) predicted.get("openWindows");
        assertThat(output).isCloseTo(5 * (1 - Math.exp(-3)), within(1e-9));
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("outputRate")), output, "output rate");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("alertRate")), alerts, "alert rate");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("openWindows")), open, "open windows");
    }

    /**
     * The sum rule: 50 keys at 0.1/s each, tumbling windows of 30 s (N ~ Poisson(3) per key and
     * window), amounts exponential(10), alert at a total of 50: the compound Poisson tail
     * Σ_n P(N = n)·P(Poisson(5) &lt; n), times 50 keys / 30 s. The replications' interval must contain it.
     */
    @Test
    void theSumRuleAlertsAtTheCompoundPoissonRate() {
        Scenario s = yaml("""
                duration: 2405s
                warmup: 305s
                producers: [{id: p, to: w, arrivals: poisson(5/s), keys: uniform(50), amount: exponential(10)}]
                channels:
                  - {id: w, type: window, window: tumbling(30s), alert: {sum: 50}}
                """);
        Map<String, Object> predicted = ScenarioTheory.predict(s).get("w").toMap();
        double alerts = (double) predicted.get("alertRate");
        double tail = 0;
        for (int n = 1; n < 80; n++) {
            double pn = Math.exp(-3 + n * Math.log(3) - logFactorial(n));
            double below = 0;
            for (int j = 0; j < n; j++) {
                below += Math.exp(-5 + j * Math.log(5) - logFactorial(j));
            }
            tail += pn * below;
        }
        assertThat(alerts).isCloseTo(50 * tail / 30, within(1e-9));
        assertThat(predicted.get("exact")).isEqualTo(true);
        var runs = Replicated.replicate(s, 10, "w");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("alertRate")), alerts, "sum-rule alert rate");
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }
}

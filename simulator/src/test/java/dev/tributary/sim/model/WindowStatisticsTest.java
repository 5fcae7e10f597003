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
}

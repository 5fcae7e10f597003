package dev.tributary.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.model.ScenarioTheory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * For every example whose model is exact, every predicted figure must lie inside the measured
 * confidence interval over independent replications.
 *
 * <p>About 80 intervals are checked at once, so at 95% each a few would miss by chance alone. The
 * family-wise error is held at 5% with Bonferroni: each interval is widened from t(0.975) to
 * t(1 − 0.05/(2m)) for m checks.
 */
@Tag("statistical")
@Timeout(value = 30, unit = TimeUnit.MINUTES) // waits on worker threads: fails instead of hanging (a limit, not a speed check)
class PredictionAgreementTest {

    static final int REPLICATIONS = 10;

    record Check(String example, String element, String figure, double measured, double halfWidth, double predicted) {
    }

    @Test
    void exactPredictionsFallInsideTheMeasuredIntervals() throws Exception {
        Runner runner = new Runner().withPredictor(ScenarioTheory::reportBlocks);
        List<Check> checks = new ArrayList<>();
        for (String name : Examples.index()) {
            Scenario s = Examples.load(name);
            Report r = runner.run(s, REPLICATIONS);
            for (ElementReport e : r.elements()) {
                if (!Boolean.TRUE.equals(e.predicted().get("exact")) || !Boolean.TRUE.equals(e.predicted().get("stable"))) {
                    continue;
                }
                for (String fig : ReportWriter.CHECKED) {
                    double p = e.predictedValue(fig);
                    if (!Double.isNaN(p) && e.measured().containsKey(fig)) {
                        checks.add(new Check(name, e.id(), fig, e.value(fig), e.halfWidth(fig), p));
                    }
                }
            }
        }
        int m = checks.size();
        assertThat(m).isGreaterThan(50);
        double widen = new TDistribution(null, REPLICATIONS - 1).inverseCumulativeProbability(1 - 0.05 / (2 * m))
                / new TDistribution(null, REPLICATIONS - 1).inverseCumulativeProbability(0.975);
        List<String> misses = new ArrayList<>();
        for (Check c : checks) {
            if (Math.abs(c.measured() - c.predicted()) > c.halfWidth() * widen) {
                misses.add(String.format("%s %s %s: measured %.4f ± %.4f, predicted %.4f", c.example(), c.element(),
                        c.figure(), c.measured(), c.halfWidth() * widen, c.predicted()));
            }
        }
        long plain = checks.stream().filter(c -> Math.abs(c.measured() - c.predicted()) > c.halfWidth()).count();
        System.out.printf("prediction agreement: %d checks over %d replications; outside the plain 95%% interval: %d"
                + " (%.1f%%); outside the Bonferroni-widened (x%.2f) interval: %d%n", m, REPLICATIONS, plain,
                100.0 * plain / m, widen, misses.size());
        // and calibration: with correct models about 5% fall outside the plain intervals; far more means bias
        assertThat((double) plain / m).as("share outside the plain 95%% intervals").isLessThan(0.12);
        assertThat(misses).as("%d checks, intervals widened ×%.2f (Bonferroni)", m, widen).isEmpty();
    }
}

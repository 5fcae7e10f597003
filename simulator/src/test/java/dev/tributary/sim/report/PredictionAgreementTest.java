package dev.tributary.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every bundled example passes its own check: run as {@code run -r 10} runs it, no figure of a
 * prediction labelled exact lies outside its measured interval, the intervals widened family-wise
 * for the example's number of exact checks exactly as the report does ({@link ReportWriter#checks}).
 *
 * <p>And the models are calibrated: with correct models about 5% of the figures fall outside their
 * plain 95% intervals; far more would mean a bias the widening hides.
 */
@Tag("statistical")
@Timeout(value = 30, unit = TimeUnit.MINUTES) // waits on worker threads: fails instead of hanging (a limit, not a speed check)
class PredictionAgreementTest {

    static final int REPLICATIONS = 10;

    @Test
    void everyExamplePassesItsOwnCheck() throws Exception {
        Runner runner = new Runner().withPredictor(ScenarioTheory::reportBlocks);
        List<String> misses = new ArrayList<>();
        int exact = 0;
        int plainOutside = 0;
        for (String name : Examples.index()) {
            Scenario s = Examples.load(name);
            Report r = runner.run(s, REPLICATIONS);
            ReportWriter.Checks checks = ReportWriter.checks(r);
            for (ReportWriter.Check c : checks.all()) {
                if (!c.exact()) {
                    continue;
                }
                exact++;
                if (!checks.insidePlain(c)) {
                    plainOutside++;
                }
                if (!checks.inside(c)) {
                    misses.add(String.format("%s %s.%s: measured %.5g ± %.3g (×%.2f), predicted %.5g", name, c.element(),
                            c.figure(), c.measured(), c.halfWidth(), checks.widening(), c.predicted()));
                }
            }
        }
        assertThat(exact).isGreaterThan(200);
        assertThat((double) plainOutside / exact).as("share of exact checks outside the plain 95%% intervals: %d of %d",
                plainOutside, exact).isLessThan(0.12);
        assertThat(misses).as("%d checks of exact predictions", exact).isEmpty();
    }
}

package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's view-model exists once per scenario: two runs side by side share nothing. */
class RunViewModelTest {

    @Test
    void twoRunsKeepTheirOwnScenarioSelectionChartsAndWhatIf() throws Exception {
        try (RunViewModel a = new RunViewModel(); RunViewModel b = new RunViewModel()) {
            a.load(Examples.load("basics/mmc-queue"));
            b.load(Examples.load("basics/mmc-queue"));
            b.whatIf().setInstances("payment", 5);
            assertThat(a.selectedPrediction()).containsEntry("model", "M/M/4");
            assertThat(b.selectedPrediction()).containsEntry("model", "M/M/5");
            assertThat(a.modifiedProperty().get()).isFalse();
            assertThat(b.modifiedProperty().get()).isTrue();
            assertThat(a.charts().charts().get(0).find("predicted L").data().lastY())
                    .isGreaterThan(b.charts().charts().get(0).find("predicted L").data().lastY());
            b.selectedProperty().set("orders");
            assertThat(a.details().headingProperty().get()).startsWith("payment");
            assertThat(b.details().headingProperty().get()).startsWith("orders");
            b.whatIf().revert();
            b.selectedProperty().set("payment");
            assertThat(b.selectedPrediction()).containsEntry("model", "M/M/4");
            assertThat(b.modifiedProperty().get()).isFalse();
        }
    }

    @Test
    @Timeout(120)
    void aRunFramesOnItsOwn() throws Exception {
        try (RunViewModel run = new RunViewModel()) {
            run.load(Examples.load("basics/mm1"));
            run.speedIndexProperty().set(RunViewModel.SPEEDS.length - 1);
            run.play();
            while (run.snapshotProperty().get() == null || !run.snapshotProperty().get().finished()) {
                run.frame();
                Thread.sleep(2); // a frame interval, not a deadline
            }
            assertThat(run.finishedProperty().get()).isTrue();
            assertThat(run.details().figures()).isNotEmpty();
            assertThat(run.charts().charts().get(0).measuredPoints()).isGreaterThan(10);
        }
    }
}

package dev.tributary.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.app.main.RunViewModel;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.NarrationStep;
import dev.tributary.sim.scenario.Scenario;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Classroom mode without a window. The runner stops at every pause of the narration, so each test
 * waits for the run's own progress (frames until a condition holds); the timeouts only turn a hang
 * into a failure, and the speed (max) changes nothing that is checked.
 */
class ClassroomViewModelTest {

    private static void frameUntil(RunViewModel run, BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            run.frame();
            Thread.sleep(2); // a frame interval, not a deadline
        }
    }

    /** The value a headless run measures at time {@code t}: what the class must be shown. */
    private static double headless(Scenario s, double t, String element, String figure) {
        Model m = new Model(s);
        m.runUntil(t);
        return m.results().stream().filter(r -> r.id().equals(element)).findFirst().map(r -> r.get(figure))
                .orElseThrow();
    }

    @Test
    @Timeout(120)
    void captionsPausesAndAQuestionAnswered() throws Exception {
        try (RunViewModel run = new RunViewModel()) {
            ClassroomViewModel c = new ClassroomViewModel(run);
            Scenario s = Examples.load("lessons/littles-law");
            run.load(s);
            frameUntil(run, () -> run.snapshotProperty().get() != null);
            // the caption at 0s shows on load, with its highlight (and the chart follows it)
            assertThat(c.captionProperty().get()).startsWith("Requests arrive at random");
            assertThat(c.highlightProperty().get()).isEqualTo("clients");
            assertThat(run.selectedProperty().get()).isEqualTo("clients");
            run.speedIndexProperty().set(RunViewModel.SPEEDS.length - 1);
            run.play();
            // the caption at 5m pauses the run exactly there
            frameUntil(run, () -> !run.playingProperty().get());
            assertThat(run.snapshotProperty().get().now()).isEqualTo(300.0);
            assertThat(c.captionProperty().get()).startsWith("A queue is a bank");
            assertThat(c.highlightProperty().get()).isEqualTo("requests");
            assertThat(c.questionProperty().get()).isNull();
            // on to the question at 1h: the run pauses and asks
            run.play();
            frameUntil(run, () -> c.questionProperty().get() != null);
            NarrationStep q = c.questionProperty().get();
            assertThat(q.figureName()).isEqualTo("worker.L");
            assertThat(run.playingProperty().get()).isFalse();
            assertThat(run.snapshotProperty().get().now()).isEqualTo(3600.0);
            assertThat(c.captionProperty().get()).startsWith("On average, how many requests");
            assertThat(c.highlightProperty().get()).isEqualTo("worker");
            assertThat(c.chartProperty().get()).isEqualTo(ClassroomViewModel.Chart.LENGTH);
            assertThat(c.revealedProperty().get()).isFalse();
            // the class guesses; the reveal shows the simulated value (as a headless run measures it),
            // its interval, and theory's M/M/1 L = ρ/(1 − ρ) = 1 beside the guess
            c.guessProperty().set("1.5");
            c.reveal();
            assertThat(c.revealedProperty().get()).isTrue();
            double expected = headless(s, 3600, "worker", "L");
            assertThat(c.simulated()).isCloseTo(expected, within(1e-9 * expected));
            assertThat(c.predicted()).isCloseTo(1.0, within(1e-12));
            assertThat(c.halfWidth()).isPositive().isLessThan(0.5);
            assertThat(c.guessTextProperty().get()).isEqualTo("1.5 events");
            assertThat(c.simulatedTextProperty().get()).startsWith(dev.tributary.app.main.Numbers.num(c.simulated()))
                    .contains("± ").endsWith(" events");
            assertThat(c.predictedTextProperty().get()).isEqualTo("1 event");
            assertThat(c.modelTextProperty().get()).isEqualTo("M/M/1, exact");
            // the explanation due at the same time follows the answer
            assertThat(c.captionProperty().get()).startsWith("Little's Law");
            // playing on takes the question away; the next one (W, at 2h) reveals seconds
            run.play();
            frameUntil(run, () -> c.questionProperty().get() != null);
            assertThat(c.questionProperty().get().figureName()).isEqualTo("worker.W");
            assertThat(c.chartProperty().get()).isEqualTo(ClassroomViewModel.Chart.LATENCY);
            c.reveal();
            assertThat(c.guessTextProperty().get()).isEqualTo("no guess");
            assertThat(c.predicted()).isCloseTo(2.0, within(1e-12));
            assertThat(c.simulatedTextProperty().get()).endsWith(" s");
            // a reset starts the narration over
            run.reset();
            frameUntil(run, () -> run.snapshotProperty().get() != null);
            assertThat(c.questionProperty().get()).isNull();
            assertThat(c.captionProperty().get()).startsWith("Requests arrive at random");
        }
    }

    @Test
    void presentationTogglesAndUnitsAndChartsFollowTheFigure() {
        try (RunViewModel run = new RunViewModel()) {
            ClassroomViewModel c = new ClassroomViewModel(run);
            assertThat(c.presentingProperty().get()).isFalse();
            c.togglePresenting();
            assertThat(c.presentingProperty().get()).isTrue();
            c.togglePresenting();
            assertThat(c.presentingProperty().get()).isFalse();
        }
        assertThat(ClassroomViewModel.unit("Wq")).isEqualTo(" s");
        assertThat(ClassroomViewModel.unit("throughput")).isEqualTo(" /s");
        assertThat(ClassroomViewModel.unit("partitions.1.lag")).isEqualTo(" events");
        assertThat(ClassroomViewModel.chartOf("partitions.1.lag")).isEqualTo(ClassroomViewModel.Chart.PARTITIONS);
        assertThat(ClassroomViewModel.chartOf("utilization")).isEqualTo(ClassroomViewModel.Chart.UTILIZATION);
        assertThat(ClassroomViewModel.chartOf("throughput")).isEqualTo(ClassroomViewModel.Chart.THROUGHPUT);
    }
}

package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The compare window, headless (Monocle): opened by its shortcut, two runs, the overlay and the B − A table. */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class CompareViewTest {

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        vm = new MainViewModel(null);
        view = new MainView(vm);
        view.attach(stage);
        vm.load(Examples.load("basics/mmc-queue").withDuration(1800)); // short: the table's replications are quick
        stage.show();
    }

    /** Polls until {@code condition} holds; the class's JUnit timeout only turns a hang into a failure. */
    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        while (!condition.call()) {
            Thread.sleep(5); // a poll interval, not a deadline
        }
    }

    @Test
    void pinningTheRunAndChangingBFillsTheTableAndOverlaysBothRuns(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        waitFor(() -> view.compareView() != null && view.compareView().stage().isShowing());
        CompareView cv = view.compareView();
        CompareViewModel c = (CompareViewModel) cv.root().getProperties().get("vm");
        assertThat(c.runs()).hasSize(2);
        assertThat(c.selectedProperty().get()).isEqualTo("payment");
        // B gets a fifth worker through its what-if spinner
        @SuppressWarnings("unchecked")
        Spinner<Integer> instances = robot.lookup("#compare-whatif-instances").queryAs(Spinner.class);
        robot.interact(() -> instances.increment());
        assertThat(c.runs().get(1).selectedPrediction()).containsEntry("model", "M/M/5");
        assertThat(c.runs().get(0).selectedPrediction()).containsEntry("model", "M/M/4");
        robot.interact(() -> c.speedIndexProperty().set(RunViewModel.SPEEDS.length - 1));
        robot.interact(() -> c.play());
        // both runs reach the end in lockstep; the overlay draws both runs' mean W, the table fills
        waitFor(() -> c.runs().stream().allMatch(r -> r.finishedProperty().get()) && c.tableDone());
        robot.interact(() -> cv.chartsView().refresh(Double.MAX_VALUE, true));
        assertThat(cv.chartsView().legend(2)).contains("A mean W", "B mean W");
        assertThat(cv.chartsView().samplesDrawn(2, "A mean W")).isGreaterThan(10);
        assertThat(cv.chartsView().samplesDrawn(2, "B mean W")).isGreaterThan(10);
        Label w = robot.lookup("#diff-payment-W-1").queryAs(Label.class);
        assertThat(w.getText()).startsWith("−").endsWith(" *"); // a fifth worker shortens W, significantly
        assertThat(robot.lookup("#tableStatus").queryAs(Label.class).getText()).contains("paired replications");
        robot.interact(() -> cv.stage().close());
    }

    @Test
    void scenariosWithoutSharedIdsAreRefusedInTheErrorBar(FxRobot robot) {
        robot.interact(() -> assertThat(vm.compareExample("pubsub/fan-out")).isNull());
        assertThat(vm.errorProperty().get()).startsWith("These scenarios share no element id");
        assertThat(robot.lookup("#errorBanner").queryAs(Label.class).isVisible()).isTrue();
        assertThat(view.compareView()).isNull();
    }
}

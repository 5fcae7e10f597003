package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real window, headless (Monocle): load, play/pause/step, charts, what-if, errors, export. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class MainViewTest {

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = new MainViewModel(null);
        view = new MainView(vm);
        view.attach(stage);
        vm.loadExample("basics/mmc-queue");
        stage.show();
    }

    /**
     * Polls until {@code condition} holds. No deadline of its own (a fixed 10 s deadline fails on a
     * slow, loaded machine): every condition here is reached by the model's own progress, and the
     * class's JUnit timeout only turns a hang into a failure.
     */
    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        while (!condition.call()) {
            // a poll interval, not a deadline; Thread.sleep (unlike TestFX's WaitForAsyncUtils.sleep) lets the
            // JUnit timeout interrupt the wait
            Thread.sleep(5);
        }
    }

    @Test
    void showsTheLoadedExample(FxRobot robot) {
        assertThat(robot.lookup("#clock").queryAs(Label.class).getText()).startsWith("t = ");
        assertThat(robot.lookup("#details").queryTextInputControl().getText()).contains("Model: M/M/4");
        assertThat(robot.lookup("#whatif-instances").tryQuery()).isPresent();
    }

    @Test
    void playPauseAndStep(FxRobot robot) throws Exception {
        robot.clickOn("#play");
        waitFor(() -> vm.snapshotProperty().get() != null && vm.snapshotProperty().get().events() > 5);
        assertThat(robot.lookup("#play").queryButton().getText()).isEqualTo("Pause");
        robot.clickOn("#play");
        waitFor(() -> !vm.snapshotProperty().get().playing());
        assertThat(robot.lookup("#play").queryButton().getText()).isEqualTo("Play");
        long before = vm.snapshotProperty().get().events();
        robot.clickOn("#step");
        waitFor(() -> vm.snapshotProperty().get().events() == before + 1);
        // keyboard: Space plays, Space pauses
        robot.type(javafx.scene.input.KeyCode.SPACE);
        waitFor(() -> vm.playingProperty().get());
        robot.type(javafx.scene.input.KeyCode.SPACE);
        waitFor(() -> !vm.playingProperty().get());
    }

    @Test
    void chartsReceiveData(FxRobot robot) throws Exception {
        robot.interact(() -> vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1));
        robot.clickOn("#play");
        waitFor(() -> view.chartsView().points(0) > 10 && view.chartsView().points(3) > 10);
        robot.interact(() -> vm.pause());
    }

    @Test
    void whatIfMovesThePredictionLine(FxRobot robot) throws Exception {
        double before = ((Number) vm.selectedPrediction().get("L")).doubleValue();
        @SuppressWarnings("unchecked")
        Spinner<Integer> instances = robot.lookup("#whatif-instances").queryAs(Spinner.class);
        robot.interact(() -> instances.increment());
        assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/5");
        double after = ((Number) vm.selectedPrediction().get("L")).doubleValue();
        assertThat(after).isLessThan(before);
        robot.interact(() -> vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1));
        robot.clickOn("#play");
        // (at max speed the run may finish at once; a second click would then restart it, so none here)
        waitFor(() -> vm.charts().get(0).predictedLines().get(0).lastY() == after);
        robot.interact(() -> vm.pause());
    }

    @Test
    void typingNonsenseIntoAWhatIfFieldKeepsTheValue(FxRobot robot) {
        @SuppressWarnings("unchecked")
        Spinner<Integer> instances = robot.lookup("#whatif-instances").queryAs(Spinner.class);
        robot.interact(() -> {
            instances.getEditor().setText("lots");
            instances.commitValue();
        });
        assertThat(instances.getValue()).isEqualTo(4);
        assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/4");
    }

    @Test
    void aBadFileShowsTheErrorAndKeepsTheScenario(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "producers: [{id: p, to: nowhere, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: queue}]\n");
        robot.interact(() -> { vm.loadFile(bad); });
        Label banner = robot.lookup("#errorBanner").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains("bad.yaml:1:25: producers[0].to: no channel with id 'nowhere'");
        assertThat(vm.scenarioProperty().get().name()).isEqualTo("Orders through a shared queue");
        robot.clickOn("#play");
        waitFor(() -> vm.snapshotProperty().get() != null && vm.snapshotProperty().get().events() > 3);
        robot.clickOn("#play");
    }

    @Test
    void exportsChartsAsPng(FxRobot robot, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("charts.png");
        robot.interact(() -> view.exportPng(png));
        assertThat(Files.size(png)).isGreaterThan(1000);
        byte[] head = Files.readAllBytes(png);
        assertThat(head[1]).isEqualTo((byte) 'P');
    }
}

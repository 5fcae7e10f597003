package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The sweep window, headless (Monocle): opened by its shortcut, Run fills the chart and table, mistakes in its error line. */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class SweepViewTest {

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        vm = new MainViewModel(null);
        view = new MainView(vm);
        view.attach(stage);
        vm.load(Examples.load("basics/mmc-queue"));
        stage.show();
    }

    /** Polls until {@code condition} holds; the class's JUnit timeout only turns a hang into a failure. */
    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        while (!condition.call()) {
            Thread.sleep(5); // a poll interval, not a deadline
        }
    }

    @Test
    void theShortcutOpensThePanelAndRunDrawsTheChartAndTable(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> view.sweepView() != null && view.sweepView().stage().isShowing());
        SweepView sv = view.sweepView();
        SweepViewModel s = (SweepViewModel) sv.root().getProperties().get("vm");
        assertThat(robot.lookup("#sweepValues").queryAs(TextField.class).getText()).isEqualTo("4..8");
        robot.interact(() -> {
            s.valuesProperty().set("4..6");
            s.durationProperty().set("20m");
            s.replicationsProperty().set(2);
        });
        assertThat(robot.lookup("#sweepReplications").queryAs(javafx.scene.control.Spinner.class).getValue()).isEqualTo(2);
        robot.clickOn("#sweepRun");
        waitFor(() -> !s.busy() && s.chartProperty().get() != null);
        robot.interact(() -> { });
        assertThat(robot.lookup("#sweepError").queryAs(Label.class).getText()).isEmpty();
        XYPlot plot = sv.viewer().getChart().getXYPlot();
        assertThat(plot.getDataset(0).getItemCount(0)).isEqualTo(3); // the mean and its band at 4, 5, 6
        assertThat(plot.getDataset(1).getItemCount(0)).isEqualTo(3); // the prediction
        assertThat(sv.viewer().getChart().getTitle().getText()).startsWith("payment.latency.p99 against payment.instances");
        @SuppressWarnings("unchecked")
        TableView<?> table = robot.lookup("#sweepTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(3);
        assertThat(robot.lookup("#sweepCsv").queryAs(Button.class).isDisabled()).isFalse();
        Path png = dir.resolve("sweep.png");
        assertThat(sv.exportPng(png)).isTrue();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(SweepView.PNG_WIDTH);
        assertThat(img.getHeight()).isEqualTo(SweepView.PNG_HEIGHT);
        robot.interact(() -> sv.stage().close());
    }

    @Test
    void aMistakeIsShownInThePanelAndCancelStopsARun(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> view.sweepView() != null && view.sweepView().stage().isShowing());
        SweepView sv = view.sweepView();
        SweepViewModel s = (SweepViewModel) sv.root().getProperties().get("vm");
        robot.interact(() -> s.valuesProperty().set("9..2"));
        robot.clickOn("#sweepRun");
        assertThat(robot.lookup("#sweepError").queryAs(Label.class).getText()).contains("FROM ≤ TO");
        assertThat(robot.lookup("#sweepError").queryAs(Label.class).getParent().isVisible()).isTrue();
        robot.interact(() -> {
            s.valuesProperty().set("4..5");
            s.replicationsProperty().set(2);
            s.durationProperty().set("12000h"); // about 1.4e9 events, under the limit: only Cancel ends this one
        });
        robot.clickOn("#sweepRun");
        assertThat(s.runningProperty().get()).isTrue();
        robot.clickOn("#sweepCancel");
        waitFor(() -> !s.busy());
        robot.interact(() -> { });
        assertThat(robot.lookup("#sweepStatus").queryAs(Label.class).getText()).isEqualTo("Cancelled.");
        robot.interact(() -> sv.stage().close());
    }
}

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

    /** Opens the sweep panel by its shortcut, Ctrl+Shift+S, and waits until it shows. */
    private SweepView openPanel(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> view.sweepView() != null && view.sweepView().stage().isShowing());
        return view.sweepView();
    }

    @Test
    void theShortcutOpensThePanelAndRunDrawsTheChartAndTable(FxRobot robot, @TempDir Path dir) throws Exception {
        SweepView sv = openPanel(robot);
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

    /** What the header of {@code column} shows: its text, or that text cut short with an ellipsis. */
    private static String headerShown(TableView<?> table, int column) {
        for (javafx.scene.Node n : table.lookupAll(".column-header")) {
            if (n instanceof javafx.scene.control.skin.TableColumnHeader h
                    && h.getTableColumn() == table.getColumns().get(column)) {
                return ((javafx.scene.text.Text) h.lookup(".label").lookup(".text")).getText();
            }
        }
        throw new AssertionError("no header for column " + column);
    }

    @Test
    void theChartAndTheTableFollowTheZoomAndNoHeaderIsCut(FxRobot robot) throws Exception {
        SweepView sv = openPanel(robot);
        SweepViewModel s = (SweepViewModel) sv.root().getProperties().get("vm");
        robot.interact(() -> {
            vm.zoomProperty().set(1);
            s.valuesProperty().set("4..5");
            s.durationProperty().set("10m");
            s.replicationsProperty().set(2);
        });
        robot.clickOn("#sweepRun");
        waitFor(() -> !s.busy() && s.chartProperty().get() != null);
        robot.interact(() -> { });
        @SuppressWarnings("unchecked")
        TableView<?> table = robot.lookup("#sweepTable").queryAs(TableView.class);
        XYPlot plot = sv.viewer().getChart().getXYPlot();
        assertThat(sv.viewer().getChart().getTitle().getFont().getSize()).isEqualTo(15);
        assertThat(plot.getDomainAxis().getTickLabelFont().getSize()).isEqualTo(12);
        assertThat(plot.getRangeAxis().getLabelFont().getSize()).isEqualTo(13);
        for (int c = 0; c < table.getColumns().size(); c++) {
            assertThat(headerShown(table, c)).isEqualTo(table.getColumns().get(c).getText());
        }
        assertThat(headerShown(table, 0)).isEqualTo("payment.instances");

        // Ctrl+= in the sweep window zooms the shared zoom: the chart's type and lines and the headers follow
        robot.clickOn("#sweepTable");
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        robot.interact(() -> { });
        double z = vm.zoomProperty().get();
        assertThat(z).isCloseTo(MainViewModel.ZOOM_STEP * MainViewModel.ZOOM_STEP, org.assertj.core.data.Offset.offset(1e-9));
        plot = sv.viewer().getChart().getXYPlot();
        assertThat(sv.viewer().getChart().getTitle().getFont().getSize()).isEqualTo((int) Math.round(15 * z));
        assertThat(plot.getDomainAxis().getTickLabelFont().getSize()).isEqualTo((int) Math.round(12 * z));
        assertThat(plot.getRangeAxis().getTickLabelFont().getSize()).isEqualTo((int) Math.round(12 * z));
        assertThat(sv.viewer().getChart().getLegend().getItemFont().getSize()).isEqualTo((int) Math.round(13 * z));
        assertThat(((java.awt.BasicStroke) plot.getRenderer(0).getSeriesStroke(0)).getLineWidth())
                .isEqualTo((float) (2 * z), org.assertj.core.data.Offset.offset(1e-6f));
        for (int c = 0; c < table.getColumns().size(); c++) {
            assertThat(headerShown(table, c)).isEqualTo(table.getColumns().get(c).getText());
        }
        // at the largest zoom the headers would want more than the window: the chart keeps its share
        robot.interact(() -> vm.zoomProperty().set(MainViewModel.MAX_ZOOM));
        robot.interact(() -> { });
        assertThat(sv.viewer().getWidth()).isGreaterThan(sv.root().getWidth() * (1 - SweepView.TABLE_SHARE) * 0.8);
        robot.interact(() -> vm.zoomProperty().set(z));
        // a new sweep's chart is drawn at the zoom too
        robot.interact(() -> s.valuesProperty().set("5..6"));
        robot.clickOn("#sweepRun");
        waitFor(() -> !s.busy() && s.reportProperty().get() != null
                && sv.viewer().getChart() != null
                && sv.viewer().getChart().getXYPlot().getDataset(0).getX(0, 0).doubleValue() == 5);
        robot.interact(() -> { });
        assertThat(sv.viewer().getChart().getXYPlot().getDomainAxis().getTickLabelFont().getSize())
                .isEqualTo((int) Math.round(12 * z));
        robot.interact(() -> sv.stage().close());
    }

    @Test
    void aMistakeIsShownInThePanelAndCancelStopsARun(FxRobot robot) throws Exception {
        SweepView sv = openPanel(robot);
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

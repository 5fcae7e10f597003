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
        assertThat(robot.lookup("#model").queryAs(Label.class).getText()).contains("Model: M/M/4");
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
        // a step runs the next event that changes something visible (sample events are passed over)
        waitFor(() -> vm.snapshotProperty().get().events() > before && !vm.narrationProperty().get().isEmpty());
        assertThat(robot.lookup("#narration").queryAs(Label.class).isVisible()).isTrue();
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
        // predicted lines are drawn from t = 0, before play
        assertThat(vm.charts().get(0).find("predicted L").data().lastY()).isEqualTo(after);
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

    private void playAtMaxUntil(FxRobot robot, double simulatedSeconds) throws Exception {
        robot.interact(() -> vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1));
        robot.interact(() -> vm.play());
        waitFor(() -> vm.snapshotProperty().get() != null
                && (vm.snapshotProperty().get().now() >= simulatedSeconds || vm.snapshotProperty().get().finished()));
        robot.interact(() -> vm.pause());
        waitFor(() -> !vm.snapshotProperty().get().playing());
    }

    private long modelSamples(String id, String series) throws InterruptedException {
        long[] out = new long[1];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        vm.runner().withModel(m -> {
            out[0] = m.series(id).get(series).size();
            done.countDown();
        });
        done.await();
        return out[0];
    }

    @Test
    void emptyChartsReadZeroToSixtySecondsWithPredictionsBeforePlay(FxRobot robot) {
        robot.interact(() -> view.chartsView().refresh(Double.MAX_VALUE, true));
        assertThat(view.chartsView().xRange(0)).containsExactly(0.0, 60.0);
        assertThat(view.chartsView().yMax(0)).isGreaterThan(10.6898);
        assertThat(view.chartsView().legend(0)).contains("predicted L");
        assertThat(view.chartsView().legend(2)).doesNotContain("p50", "p95", "p99");
    }

    /** outage-breaker fails both groups over one span: one 12 px label naming both, on a chip that reads (≥ 4.5:1). */
    @Test
    void simultaneousFaultsShareOneReadableLabel(FxRobot robot) {
        robot.interact(() -> vm.loadExample("failures/outage-breaker"));
        robot.interact(() -> view.chartsView().refresh(Double.MAX_VALUE, true));
        var viewer = robot.lookup("#chart-2").queryAs(org.jfree.chart.fx.ChartViewer.class);
        var plot = viewer.getChart().getXYPlot();
        // one band behind the lines (besides the warm-up's), one label over them
        assertThat(((java.util.Collection<?>) plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).stream()
                .map(org.jfree.chart.plot.Marker.class::cast).filter(k -> !"warm-up".equals(k.getLabel()))).hasSize(1);
        var labels = ((java.util.Collection<?>) plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).stream()
                .map(org.jfree.chart.plot.Marker.class::cast).toList();
        assertThat(labels).extracting(org.jfree.chart.plot.Marker::getLabel).hasSize(1);
        var m = labels.get(0);
        assertThat(m.getLabel().strip()).isEqualTo("fail guarded, naive");
        assertThat(m.getLabelFont().getSize()).isGreaterThanOrEqualTo(12);
        java.awt.Color text = (java.awt.Color) m.getLabelPaint();
        java.awt.Color chip = m.getLabelBackgroundColor();
        assertThat(chip.getAlpha()).isGreaterThan(200);
        double hi = Math.max(luminance(text), luminance(chip));
        double lo = Math.min(luminance(text), luminance(chip));
        assertThat((hi + 0.05) / (lo + 0.05)).as("contrast").isGreaterThanOrEqualTo(4.5);
    }

    /** WCAG 2 relative luminance of an sRGB colour. */
    private static double luminance(java.awt.Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    @Test
    void historyIsKeptAcrossSelectionChangesInTheWindow(FxRobot robot) throws Exception {
        playAtMaxUntil(robot, 1200);
        long before = view.chartsView().samplesDrawn(0, "sampled L");
        assertThat(before).isGreaterThan(100);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> box = robot.lookup("#elementBox").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> box.setValue("orders"));
        assertThat(vm.selectedProperty().get()).isEqualTo("orders");
        assertThat(view.chartsView().samplesDrawn(0, "sampled L")).isGreaterThan(100);
        robot.interact(() -> box.setValue("payment"));
        assertThat(view.chartsView().samplesDrawn(0, "sampled L")).isEqualTo(before);
        robot.interact(() -> view.chartsView().refresh(Double.MAX_VALUE, true));
        assertThat(view.chartsView().legend(0)).contains("sampled L", "mean L", "predicted L");
    }

    @Test
    void noSampleIsLostAtMaxSpeed(FxRobot robot) throws Exception {
        var longRun = dev.tributary.sim.scenario.Examples.load("basics/mmc-queue").withDuration(20_000 * 3600.0);
        robot.interact(() -> vm.load(longRun));
        playAtMaxUntil(robot, 300_000);
        long model = modelSamples("payment", "L");
        // the frames drain every feed the runner queued up to the pause
        waitFor(() -> view.chartsView().samplesDrawn(0, "sampled L") == model);
        assertThat(model).isGreaterThan(2000);
        assertThat(view.chartsView().samplesDrawn(1, "out (smoothed)")).isEqualTo(modelSamples("payment", "throughput"));
    }

    @Test
    void aLongRunExportsChartsWithItsLines(FxRobot robot, @TempDir Path dir) throws Exception {
        var longRun = dev.tributary.sim.scenario.Examples.load("basics/mmc-queue").withDuration(20_000 * 3600.0);
        robot.interact(() -> vm.load(longRun));
        playAtMaxUntil(robot, 1_000_000);
        Path png = dir.resolve("long.png");
        robot.interact(() -> view.exportPng(png));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        // the mean-L line is drawn in the blue of the dark palette: a blank chart has none of it
        int blue = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (Math.abs(((rgb >> 16) & 0xff) - 0x60) < 12 && Math.abs(((rgb >> 8) & 0xff) - 0xa5) < 12
                        && Math.abs((rgb & 0xff) - 0xfa) < 12) {
                    blue++;
                }
            }
        }
        assertThat(blue).isGreaterThan(200);
        double[] x = view.chartsView().xRange(0);
        assertThat(x[1]).isGreaterThanOrEqualTo(1_000_000);
        assertThat(view.chartsView().yMax(0)).isGreaterThan(10);
    }

    @Test
    void theTableUpdatesInPlace(FxRobot robot) throws Exception {
        Label measured = robot.lookup("#measured-L").queryAs(Label.class);
        javafx.scene.Parent table = measured.getParent();
        int cells = table.getChildrenUnmodifiable().size();
        robot.interact(() -> vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 2));
        robot.clickOn("#play");
        waitFor(() -> vm.snapshotProperty().get() != null && vm.snapshotProperty().get().now() > 1200);
        waitFor(() -> !measured.getText().equals("—") && !measured.getText().equals("0"));
        robot.interact(() -> vm.pause());
        assertThat(robot.lookup("#measured-L").queryAs(Label.class)).isSameAs(measured);
        assertThat(table.getChildrenUnmodifiable()).hasSize(cells);
        assertThat(measured.getText()).matches("[0-9,]+(\\.[0-9]+)?");
        assertThat(robot.lookup("#predicted-L").queryAs(Label.class).getText()).isEqualTo("10.69");
    }

    @Test
    void zoomShortcutsWorkWhateverHasFocus(FxRobot robot) {
        double z0 = vm.zoomProperty().get();
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.EQUALS);
        assertThat(vm.zoomProperty().get()).isGreaterThan(z0);
        assertThat(view.root().getStyle()).contains(String.format(java.util.Locale.ROOT, "%.1fpx",
                MainView.BASE_FONT * vm.zoomProperty().get()));
        // with the caret in a number field the zoom keys still zoom, and Space still plays
        robot.clickOn(robot.lookup("#whatif-service").queryAs(Spinner.class).getEditor());
        double z1 = vm.zoomProperty().get();
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.MINUS);
        assertThat(vm.zoomProperty().get()).isLessThan(z1);
        robot.type(javafx.scene.input.KeyCode.SPACE);
        assertThat(vm.playingProperty().get()).isTrue();
        robot.type(javafx.scene.input.KeyCode.SPACE);
        assertThat(vm.playingProperty().get()).isFalse();
    }

    @Test
    void aWhatIfShowsTheModifiedBadge(FxRobot robot) {
        Label badge = robot.lookup("#modified").queryAs(Label.class);
        assertThat(badge.isVisible()).isFalse();
        @SuppressWarnings("unchecked")
        Spinner<Integer> instances = robot.lookup("#whatif-instances").queryAs(Spinner.class);
        robot.interact(() -> instances.increment());
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("modified");
        robot.clickOn("#undoWhatIf");
        assertThat(badge.isVisible()).isFalse();
        assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/4");
    }

    @Test
    void theSidePanelKeepsItsWidthWhenTheWindowIsResized(FxRobot robot) {
        javafx.scene.Node side = view.root().getRight();
        double width = ((javafx.scene.layout.Region) side).getWidth();
        assertThat(width).isEqualTo(MainView.SIDE_WIDTH * vm.zoomProperty().get(), org.assertj.core.api.Assertions.within(1.0));
        javafx.stage.Window w = view.root().getScene().getWindow();
        // (only smaller: Monocle's headless screen cannot hold a window wider than itself)
        for (double target : new double[] {w.getWidth() - 300, w.getWidth() - 100, w.getWidth() - 200}) {
            robot.interact(() -> w.setWidth(target));
            robot.interact(() -> view.root().layout());
            assertThat(((javafx.scene.layout.Region) side).getWidth()).isEqualTo(width, org.assertj.core.api.Assertions.within(1.0));
        }
    }
}

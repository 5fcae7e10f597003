package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.run.SimulationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model, without any window. */
class MainViewModelTest {

    static void runUntil(MainViewModel vm, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
            vm.frame();
            Thread.sleep(5);
        }
        vm.frame();
    }

    @Test
    void loadsAnExampleWithPredictionsAndSelection() {
        try (MainViewModel vm = new MainViewModel(null)) {
            assertThat(vm.loadExample("basics/mmc-queue")).isTrue();
            assertThat(vm.scenarioProperty().get().name()).isEqualTo("Orders through a shared queue");
            assertThat(vm.selectedProperty().get()).isEqualTo("payment");
            assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/4");
            assertThat(vm.detailsProperty().get()).contains("Model: M/M/4").contains("Erlang C");
            assertThat(vm.elementIds()).containsExactly("orders", "payment", "checkout");
        }
    }

    @Test
    void playFillsTheChartsAndLittlesLawPanel() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
            vm.play();
            // (a snapshot taken at the very instant the warm-up ends has no completions yet: wait for one
            // that has, as a viewer would; at full speed on a slow machine the first pause can land there)
            runUntil(vm, () -> vm.charts().get(0).measuredPoints() > 20 && vm.littleProperty().get().contains("λ·W"));
            vm.pause();
            assertThat(vm.charts().get(0).measuredPoints()).isGreaterThan(20);
            assertThat(vm.charts().get(0).predictedLines().get(0).lastY()).isCloseTo(10.6898,
                    org.assertj.core.api.Assertions.within(1e-3));
            assertThat(vm.littleProperty().get()).contains("λ·W");
            assertThat(vm.chartsCsv()).startsWith("chart,line,time,value").contains("predicted L");
        }
    }

    @Test
    void whatIfMovesThePredictionAtOnce() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            double before = ((Number) vm.selectedPrediction().get("L")).doubleValue();
            vm.setInstances("payment", 5);
            assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/5");
            double after = ((Number) vm.selectedPrediction().get("L")).doubleValue();
            assertThat(after).isLessThan(before);
            vm.setInstances("payment", 3);
            assertThat(vm.selectedPrediction()).containsEntry("stable", false);
            vm.setServiceMean("payment", 0.5);
            assertThat(vm.selectedPrediction()).containsEntry("stable", true);
            vm.setProducerRate("checkout", 1.0);
            assertThat(((Number) vm.selectedPrediction().get("lambda")).doubleValue()).isEqualTo(1.0);
            vm.revertWhatIf();
            assertThat(vm.selectedPrediction()).containsEntry("model", "M/M/4");
        }
    }

    @Test
    void partitionsWhatIfOnAStream() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("streams/idle-consumers");
            assertThat(vm.predictionsProperty().get().get("aggregator").prediction().model()).isEqualTo("3 × M/M/1");
            vm.setPartitions("telemetry", 5);
            assertThat(vm.predictionsProperty().get().get("aggregator").prediction().model()).isEqualTo("5 × M/M/1");
        }
    }

    @Test
    void aBrokenFileShowsItsErrorAndKeepsTheLoadedScenario(@TempDir Path dir) throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mm1");
            Path bad = dir.resolve("broken.yaml");
            Files.writeString(bad, "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: queu}]\n");
            assertThat(vm.loadFile(bad)).isFalse();
            assertThat(vm.errorProperty().get()).contains("broken.yaml:2:26: channels[0].type").contains("did you mean 'queue'");
            assertThat(vm.scenarioProperty().get().name()).startsWith("M/M/1");
            assertThat(vm.loadFile(dir.resolve("missing.yaml"))).isFalse();
            assertThat(vm.errorProperty().get()).contains("no such file");
        }
    }

    @Test
    void recentFilesAreRemembered(@TempDir Path dir) throws Exception {
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("dev/tributary/test-" + System.nanoTime());
        try {
            Path good = dir.resolve("good.yaml");
            Files.writeString(good, "producers: [{id: p, to: q, arrivals: poisson(1/s)}]\nchannels: [{id: q, type: queue}]\n");
            try (MainViewModel vm = new MainViewModel(prefs)) {
                assertThat(vm.loadFile(good)).isTrue();
                assertThat(vm.recentFiles()).containsExactly(good.toAbsolutePath().toString());
            }
            try (MainViewModel again = new MainViewModel(prefs)) {
                assertThat(again.recentFiles()).containsExactly(good.toAbsolutePath().toString());
            }
        } finally {
            prefs.removeNode();
        }
    }

    @Test
    void speedStepsAndLabels() {
        try (MainViewModel vm = new MainViewModel(null)) {
            assertThat(MainViewModel.speedLabel(MainViewModel.DEFAULT_SPEED)).isEqualTo("1×");
            assertThat(MainViewModel.speedLabel(MainViewModel.SPEEDS.length - 1)).isEqualTo("max");
            vm.faster();
            assertThat(vm.runner().speed()).isEqualTo(2.0);
            vm.slower();
            vm.slower();
            assertThat(vm.runner().speed()).isEqualTo(0.5);
            for (int i = 0; i < 30; i++) {
                vm.faster();
            }
            assertThat(vm.runner().speed()).isEqualTo(SimulationRunner.MAX_SPEED);
        }
    }
}

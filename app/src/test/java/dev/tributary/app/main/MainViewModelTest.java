package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.run.SimulationRunner;
import dev.tributary.app.run.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The view-model, without any window. */
class MainViewModelTest {

    /**
     * Calls {@link MainViewModel#frame()} as the view would until the snapshot it has taken in
     * satisfies {@code done}. No deadline of its own: it waits for the model's progress, however slow
     * the machine; the caller's JUnit timeout only turns a hang into a failure.
     */
    static void framesUntil(MainViewModel vm, Predicate<Snapshot> done) throws InterruptedException {
        while (true) {
            vm.frame();
            Snapshot s = vm.snapshotProperty().get();
            if (s != null && done.test(s)) {
                return;
            }
            Thread.sleep(2); // a frame interval, not a deadline
        }
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
    @Timeout(120)
    void playFillsTheChartsAndLittlesLawPanel() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
            vm.play();
            // wait for the model, not the wall clock: past the 10-minute warm-up, a snapshot with completions
            // (one taken at the very instant the warm-up ends has none yet) fills Little's Law panel, and the
            // chart has more than 20 points; a finished run ends the wait so the assertions below report it
            framesUntil(vm, s -> s.finished()
                    || (vm.charts().get(0).measuredPoints() > 20 && vm.littleProperty().get().contains("λ·W")));
            vm.pause();
            // while playing the details (and Little's Law) refresh at most every 250 ms of wall time;
            // a paused (or finished) snapshot always refreshes them
            framesUntil(vm, s -> !s.playing());
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

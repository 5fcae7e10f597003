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
            assertThat(vm.modelTextProperty().get()).contains("Model: M/M/4").contains("Erlang C");
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
            assertThat(vm.charts().get(0).find("predicted L").data().lastY()).isCloseTo(10.6898,
                    org.assertj.core.api.Assertions.within(1e-3));
            assertThat(vm.littleProperty().get()).contains("λ·W");
            assertThat(vm.chartsCsv()).startsWith("chart,line,time,value").contains("predicted L");
        }
    }

    @Test
    void anOverloadedBoundedStageIsNotCalledUnstableButAnOverloadedQueueIs() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("stages/backpressure");
            vm.selectedProperty().set("parser"); // offered 1.2 of what parse's workers do, but bounded: it fills
            assertThat(vm.charts().get(3).note()).contains("bounded queue stays full").doesNotContain("unstable");
            vm.loadExample("basics/mmc-queue");
            vm.setInstances("payment", 3); // ρ = 1.2 on an unbounded queue: no steady state
            assertThat(vm.charts().get(3).note()).startsWith("unstable");
        }
    }

    @Test
    @Timeout(120)
    void aChartTheElementDoesNotMeasureSaysSoInsteadOfStayingBlank() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("streaming/fraud-window");
            vm.selectedProperty().set("card-velocity"); // a window: throughput, but no queue, W or busy workers
            vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
            vm.play();
            framesUntil(vm, s -> s.finished() || vm.charts().get(1).measuredPoints() > 5);
            vm.pause();
            framesUntil(vm, s -> !s.playing());
            assertThat(vm.charts().get(1).note()).isEmpty();
            for (int c : new int[] {0, 2, 3}) {
                assertThat(vm.charts().get(c).note()).as("chart " + c).isEqualTo(ChartsViewModel.UNMEASURED);
            }
            vm.selectedProperty().set("scorer"); // a worker group: every chart has lines again
            framesUntil(vm, s -> true);
            vm.play();
            framesUntil(vm, s -> s.finished() || vm.charts().get(0).measuredPoints() > 5);
            vm.pause();
            framesUntil(vm, s -> !s.playing());
            assertThat(vm.charts().get(0).note()).isEmpty();
            assertThat(vm.charts().get(2).note()).isEmpty();
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

    private static void playAtMaxUntil(MainViewModel vm, double simulatedSeconds) throws InterruptedException {
        vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
        vm.play();
        framesUntil(vm, s -> s.now() >= simulatedSeconds || s.finished());
        vm.pause();
        framesUntil(vm, s -> !s.playing());
        vm.runner().sync(); // every publish the pause asked for is done
        vm.frame();
    }

    /** Reads a figure from the model on the simulation thread (where the model lives). */
    private static long modelSamples(MainViewModel vm, String id, String series) throws InterruptedException {
        long[] out = new long[1];
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        vm.runner().withModel(m -> {
            out[0] = m.series(id).get(series).size();
            done.countDown();
        });
        done.await();
        vm.frame(); // takes any feed published before the count
        return out[0];
    }

    @Test
    @Timeout(120)
    void historyIsKeptAcrossSelectionChangesAndMeanLinesStayWhilePaused() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            playAtMaxUntil(vm, 900);
            var length = vm.charts().get(0);
            var mean = length.find("mean L");
            var sampled = length.find("sampled L");
            int meanPoints = mean.data().size();
            long samples = sampled.data().absorbed();
            assertThat(meanPoints).isGreaterThan(1);
            assertThat(samples).isGreaterThan(100);
            vm.selectedProperty().set("orders");
            vm.frame();
            // the queue's own history is there at once: every element is recorded, selected or not
            assertThat(length.find("mean L").data().size()).isGreaterThan(1);
            assertThat(length.find("sampled L").data().absorbed()).isGreaterThan(100);
            vm.selectedProperty().set("payment");
            vm.frame();
            assertThat(mean.data().size()).isEqualTo(meanPoints);
            assertThat(sampled.data().absorbed()).isEqualTo(samples);
            // while paused every running-mean line is drawn: one point per model sample, however fast the run
            // went, ending where the report's figure is
            var results = vm.snapshotProperty().get().results().get("payment");
            assertThat(mean.data().absorbed()).isGreaterThan(500);
            assertThat(mean.data().lastY()).isCloseTo(results.get("L"), org.assertj.core.api.Assertions.withinPercentage(3));
            var out = vm.charts().get(1).find("mean out").data();
            assertThat(out.absorbed()).isGreaterThan(500);
            assertThat(out.lastY()).isCloseTo(results.get("throughput"), org.assertj.core.api.Assertions.withinPercentage(3));
            var w = vm.charts().get(2).find("mean W").data();
            assertThat(w.absorbed()).isGreaterThan(500);
            assertThat(w.lastY()).isCloseTo(results.get("W"), org.assertj.core.api.Assertions.withinPercentage(3));
            var u = vm.charts().get(3).find("mean utilization").data();
            assertThat(u.absorbed()).isGreaterThan(500);
            assertThat(u.lastY()).isCloseTo(results.get("utilization"), org.assertj.core.api.Assertions.withinPercentage(3));
        }
    }

    @Test
    @Timeout(180)
    void noSampleIsLostWhenTheUiTakesFramesRarely() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            // a 20,000-hour run: sampling must not depend on the run's length
            vm.load(dev.tributary.sim.scenario.Examples.load("basics/mmc-queue").withDuration(20_000 * 3600.0));
            vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
            vm.play();
            // a slow UI: one frame now and then, while the runner publishes many snapshots in between
            while (vm.snapshotProperty().get() == null || vm.snapshotProperty().get().now() < 200_000) {
                vm.frame();
                Thread.sleep(150); // a slow frame, not a deadline
            }
            vm.pause();
            framesUntil(vm, s -> !s.playing());
            long model = modelSamples(vm, "payment", "L");
            var sampled = vm.charts().get(0).find("sampled L").data();
            assertThat(model).isGreaterThan(2000);
            assertThat(sampled.offered()).isEqualTo(model);
            var raw = vm.history().of("payment").raw("L");
            assertThat((long) raw.size()).isEqualTo(model);
            // no hole: consecutive samples are never further apart than the sampler's own spacing
            for (int i = 1; i < raw.size(); i++) {
                double gap = raw.time(i) - raw.time(i - 1);
                assertThat(gap).isLessThanOrEqualTo(Math.max(1.0, raw.time(i) / 1000) * (1 + 1e-9));
            }
            // the x axis spans the run so far, and the chart holds a bounded number of points
            double now = vm.snapshotProperty().get().now();
            assertThat(vm.charts().get(0).xMax()).isEqualTo(now);
            assertThat(sampled.size()).isBetween(100, dev.tributary.app.charts.SeriesBuffer.MAX_POINTS);
        }
    }

    @Test
    void predictedLinesAreDrawnFromZeroBeforePlayAndPercentilesWaitToBeAskedFor() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            var predicted = vm.charts().get(0).find("predicted L").data();
            assertThat(predicted.size()).isEqualTo(2);
            assertThat(predicted.x(0)).isEqualTo(0.0);
            assertThat(predicted.x(1)).isEqualTo(MainViewModel.MIN_X_SPAN);
            assertThat(predicted.y(0)).isCloseTo(10.6898, org.assertj.core.api.Assertions.within(1e-3));
            assertThat(vm.charts().get(0).xMax()).isEqualTo(MainViewModel.MIN_X_SPAN);
            var latency = vm.charts().get(2);
            assertThat(latency.lines().stream().filter(l -> l.shown()).map(l -> l.name()))
                    .containsExactly("W per interval", "mean W", "predicted W");
            vm.showPercentilesProperty().set(true);
            assertThat(latency.find("p99").shown()).isTrue();
            assertThat(latency.find("predicted p99").shown()).isTrue();
        }
    }

    @Test
    void anOverloadedGroupNamesItsOfferedLoadAndLittlesLawSaysWhyItCannotHold() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            vm.setInstances("payment", 3); // ρ = 3.6 / 3 = 1.2
            var offered = vm.charts().get(3).lines().stream().filter(l -> l.name().startsWith("offered load ρ = 1.2"))
                    .findFirst().orElseThrow();
            assertThat(offered.data().lastY()).isEqualTo(1.0);
            assertThat(vm.charts().get(3).yCeiling()).isLessThan(1.1);
            assertThat(vm.charts().get(0).find("predicted backlog growth")).isNotNull();
        }
    }

    @Test
    @Timeout(120)
    void littlesLawGivesAVerdictOnAFinishedRunAndSaysWhenItCannotJudge() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            framesUntil(vm, s -> true);
            assertThat(vm.littleVerdictProperty().get()).startsWith("No completions yet");
            playAtMaxUntil(vm, Double.MAX_VALUE);
            assertThat(vm.finishedProperty().get()).isTrue();
            assertThat(vm.littleProperty().get()).contains("λ·W");
            assertThat(vm.littleVerdictProperty().get()).startsWith("✓ L = λ·W within the 95% interval");
            assertThat(vm.littleStateProperty().get()).isEqualTo("ok");
            vm.setInstances("payment", 3);
            playAtMaxUntil(vm, 1200);
            assertThat(vm.littleVerdictProperty().get()).startsWith("✗ Cannot hold: unstable");
        }
    }

    @Test
    void theTableHasFixedRowsWithUnitsAndPlainNumbers() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            assertThat(vm.figures()).extracting(FigureRow::key).contains("throughput", "L", "W", "utilization");
            FigureRow l = vm.figures().stream().filter(r -> r.key().equals("L")).findFirst().orElseThrow();
            assertThat(l.unit()).isEqualTo("events");
            assertThat(l.predictedProperty().get()).isEqualTo("10.69");
            assertThat(Numbers.num(684.1)).isEqualTo("684.1");
            assertThat(Numbers.plusMinus(900.4)).isEqualTo("± 900");
            assertThat(Numbers.num(12_345_678)).isEqualTo("12,345,678");
            assertThat(Numbers.num(0.00012346)).isEqualTo("0.0001235");
            assertThat(Numbers.num(5e-8)).isEqualTo("5.0×10⁻⁸");
            assertThat(Numbers.num(-2.54e-5)).isEqualTo("−2.5×10⁻⁵");
        }
    }

    @Test
    void loadingGoesBackToOneTimesSpeedAndWhatIfMarksTheRunModified() {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            assertThat(vm.modifiedProperty().get()).isFalse();
            vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
            vm.setInstances("payment", 5);
            assertThat(vm.modifiedProperty().get()).isTrue();
            vm.revertWhatIf();
            assertThat(vm.modifiedProperty().get()).isFalse();
            vm.loadExample("basics/mm1");
            assertThat(vm.speedIndexProperty().get()).isEqualTo(MainViewModel.DEFAULT_SPEED);
            assertThat(vm.runner().speed()).isEqualTo(1.0);
        }
    }

    @Test
    @Timeout(120)
    void aStepSaysWhatHappened() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            framesUntil(vm, s -> true);
            vm.step();
            framesUntil(vm, s -> s.events() == 1);
            assertThat(vm.narrationProperty().get()).startsWith("t = ").contains("checkout sends an event (key ");
            // step on until the first departure
            while (!vm.narrationProperty().get().contains("departure from payment worker")) {
                long before = vm.snapshotProperty().get().events();
                vm.step();
                framesUntil(vm, s -> s.events() > before || s.finished());
            }
            assertThat(vm.narrationProperty().get()).matches("t = .*: departure from payment worker \\d; .*\\.");
        }
    }

    @Test
    void aSyntaxErrorReadsAsOneLocatedSentence(@TempDir Path dir) throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mm1");
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, "name: x\nproducers:\n  - id: p\n    to: q\n    arrivals: poisson(1/s\n  - [oops\n"
                    + "channels: [{id: q, type: queue}]\n");
            assertThat(vm.loadFile(bad)).isFalse();
            assertThat(vm.errorProperty().get()).matches(".*bad\\.yaml:\\d+:\\d+: [^\\n]*").doesNotContain("\n");
            Path many = dir.resolve("many.yaml");
            Files.writeString(many, "producers: [{id: p, to: nowhere, arrivals: poisson(1/s)}]\n"
                    + "channels: [{id: q, type: queu}, {id: q2, type: queue, capacity: -3}]\n");
            assertThat(vm.loadFile(many)).isFalse();
            assertThat(vm.errorProperty().get()).doesNotContain("\n").contains("many.yaml:2:26:").contains("(and 2 more)");
        }
    }

    @Test
    @Timeout(120)
    void theTableShowsWhatFailuresCost() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("failures/outage-breaker");
            vm.selectedProperty().set("naive");
            playAtMaxUntil(vm, Double.MAX_VALUE);
            var results = vm.snapshotProperty().get().results().get("naive");
            assertThat(vm.figures()).extracting(FigureRow::key)
                    .contains("attempts", "errorRate", "retries", "deadLettered", "dlq.throughput", "dlq.size");
            FigureRow dead = vm.figures().stream().filter(r -> r.key().equals("deadLettered")).findFirst().orElseThrow();
            assertThat(results.get("deadLettered")).isPositive();
            assertThat(dead.measuredProperty().get()).isEqualTo(Numbers.num(results.get("deadLettered")));
            FigureRow failed = vm.figures().stream().filter(r -> r.key().equals("errorRate")).findFirst().orElseThrow();
            assertThat(failed.unit()).isEqualTo("%");
            assertThat(failed.measuredProperty().get()).isEqualTo(Numbers.percent(results.get("errorRate")));
            // the guarded group's breaker: its state in words, and how often it opened
            vm.selectedProperty().set("guarded");
            vm.frame();
            var guarded = vm.snapshotProperty().get().results().get("guarded");
            FigureRow state = vm.figures().stream().filter(r -> r.key().equals("breakerState")).findFirst().orElseThrow();
            assertThat(state.measuredProperty().get()).isEqualTo(DetailsViewModel.breakerState(guarded.get("breakerState")))
                    .isIn("closed", "half-open", "open");
            FigureRow opened = vm.figures().stream().filter(r -> r.key().equals("breakerOpened")).findFirst().orElseThrow();
            assertThat(guarded.get("breakerOpened")).isPositive();
            assertThat(opened.measuredProperty().get()).isEqualTo(Numbers.num(guarded.get("breakerOpened")));
            // a queue without failures has none of these rows
            vm.selectedProperty().set("orders-a");
            assertThat(vm.figures()).extracting(FigureRow::key).doesNotContain("attempts", "breakerState");
        }
    }
}

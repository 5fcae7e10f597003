package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.sweep.SweepReport;
import dev.tributary.sim.theory.MMc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sweep panel without a window: its suggestions, a sweep in the background, cancel, mistakes shown. */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // waits on the sweep's threads: fails instead of hanging
class SweepViewModelTest {

    /** Polls as the view's frames do until the sweep is over; the JUnit timeout only turns a hang into a failure. */
    private static void finish(SweepViewModel vm) throws InterruptedException {
        while (vm.busy()) {
            vm.poll();
            Thread.sleep(5); // a poll interval, not a deadline
        }
    }

    @Test
    void offersTheScenariosParametersAndFigures() throws Exception {
        SweepViewModel vm = SweepViewModel.of(Examples.load("basics/mmc-queue"));
        assertThat(vm.parameters()).containsExactly("payment.instances", "payment.service", "checkout.rate");
        assertThat(vm.parameterProperty().get()).isEqualTo("payment.instances");
        assertThat(vm.valuesProperty().get()).isEqualTo("4..8");
        vm.parameterProperty().set("checkout.rate");
        assertThat(vm.valuesProperty().get()).isEqualTo("2.16/s,2.52/s,2.88/s,3.24/s,3.6/s");
        vm.parameterProperty().set("payment.service");
        assertThat(vm.valuesProperty().get()).isEqualTo("600ms,700ms,800ms,900ms,1s");
        assertThat(vm.figureProperty().get()).isEqualTo("payment.latency.p99");
        assertThat(vm.figures()).contains("payment.W", "orders.L", "checkout.throughput");
        assertThat(vm.durationProperty().get()).isEqualTo("2h");
        SweepViewModel stream = SweepViewModel.of(Examples.load("streams/kafka-uniform-keys"));
        assertThat(stream.parameters()).anyMatch(p -> p.endsWith(".partitions"));
    }

    @Test
    void aSweepRunsInTheBackgroundAndFillsTheTableAndChart(@TempDir Path dir) throws Exception {
        SweepViewModel vm = SweepViewModel.of(Examples.load("basics/mmc-queue"));
        vm.valuesProperty().set("4..6");
        vm.figureProperty().set("payment.W");
        vm.durationProperty().set("30m");
        vm.replicationsProperty().set(2);
        assertThat(vm.run()).isTrue();
        assertThat(vm.runningProperty().get()).isTrue(); // run() returned while the sweep goes on
        assertThat(vm.run()).isFalse(); // one at a time
        finish(vm);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.rows()).extracting(SweepReport.Row::settings).containsExactly(
                java.util.List.of("4"), java.util.List.of("5"), java.util.List.of("6"));
        for (int i = 0; i < 3; i++) {
            assertThat(vm.rows().get(i).predicted()).isCloseTo(MMc.predict(4 + i, 3.6, 1).W(), Offset.offset(1e-12));
            assertThat(vm.rows().get(i).halfWidth()).isPositive();
        }
        assertThat(vm.chartProperty().get().curves().get(0).x()).containsExactly(4, 5, 6);
        assertThat(vm.chartProperty().get().yLabel()).isEqualTo("payment.W");
        assertThat(vm.statusProperty().get()).contains("3 points × 2 replications");
        Path csv = dir.resolve("s.csv");
        assertThat(vm.writeCsv(csv)).isTrue();
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("payment.instances,element,figure,mean,halfWidth,predicted");
        assertThat(vm.writeCsv(dir.resolve("no/such/dir.csv"))).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("Could not write");
    }

    @Test
    void cancelStopsARunningSweep() throws Exception {
        SweepViewModel vm = SweepViewModel.of(Examples.load("basics/mmc-queue"));
        // about 1.4e9 events, under the limit of 2e9 but minutes of work: only Cancel ends it in the test's time
        vm.valuesProperty().set("4..5");
        vm.replicationsProperty().set(2);
        vm.durationProperty().set("12000h");
        assertThat(vm.run()).isTrue();
        vm.cancel();
        finish(vm);
        assertThat(vm.statusProperty().get()).isEqualTo("Cancelled.");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.chartProperty().get()).isNull();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void anAbsurdSweepIsRefusedBeforeItRunsAsOnTheCommandLine() throws Exception {
        SweepViewModel vm = SweepViewModel.of(Examples.load("basics/mmc-queue"));
        vm.durationProperty().set("100000h"); // about 3e9 events a replication
        assertThat(vm.run()).isTrue();
        finish(vm);
        assertThat(vm.errorProperty().get()).startsWith("this sweep (5 points × ")
                .contains("would simulate about").contains("more than the limit of 2,000,000,000")
                .doesNotContain("--max-events");
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void mistakesAreShownNotThrown() throws Exception {
        SweepViewModel vm = SweepViewModel.of(Examples.load("basics/mmc-queue"));
        vm.valuesProperty().set("8..4");
        assertThat(vm.run()).isFalse();
        assertThat(vm.errorProperty().get()).contains("FROM ≤ TO");
        vm.valuesProperty().set("4..5");
        vm.durationProperty().set("soon");
        assertThat(vm.run()).isFalse();
        assertThat(vm.errorProperty().get()).contains("duration such as 2h");
        vm.durationProperty().set("10m");
        vm.replicationsProperty().set(1);
        assertThat(vm.run()).isFalse();
        assertThat(vm.errorProperty().get()).contains("replications");
        vm.replicationsProperty().set(2);
        // found only when the points are bound, in the background: shown when the sweep ends
        vm.valuesProperty().set("0..1");
        assertThat(vm.run()).isTrue();
        finish(vm);
        assertThat(vm.errorProperty().get()).contains("mmc-queue.yaml:20:16");
        vm.valuesProperty().set("4..5");
        vm.figureProperty().set("payment.nope");
        assertThat(vm.run()).isTrue();
        finish(vm);
        assertThat(vm.errorProperty().get()).contains("payment.nope").contains("measures throughput");
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void theMainWindowRefusesASweepWithoutAScenarioInItsErrorBar() throws Exception {
        MainViewModel main = new MainViewModel(null);
        assertThat(main.sweep()).isNull();
        assertThat(main.errorProperty().get()).startsWith("Open a scenario first");
        Scenario mmc = Examples.load("basics/mmc-queue");
        main.load(mmc);
        SweepViewModel sweep = main.sweep();
        assertThat(sweep).isNotNull();
        assertThat(sweep.scenario().name()).isEqualTo(mmc.name());
        sweep.close();
        main.close();
    }
}

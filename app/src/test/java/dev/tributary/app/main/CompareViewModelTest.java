package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Compare without a window: lockstep on one seed, overlay charts, and B − A from paired replications. */
class CompareViewModelTest {

    /** Frames until every run has reached {@code t} (or finished), checking the lockstep at every frame. */
    private static void playUntil(CompareViewModel vm, double t) throws InterruptedException {
        vm.speedIndexProperty().set(RunViewModel.SPEEDS.length - 1);
        vm.play();
        while (true) {
            vm.frame();
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            boolean done = true;
            for (RunViewModel r : vm.runs()) {
                Snapshot s = r.current();
                double now = s == null ? 0 : s.now();
                if (s == null || !s.finished()) {
                    min = Math.min(min, now);
                    max = Math.max(max, now);
                }
                done &= s != null && (s.finished() || s.now() >= t);
            }
            if (min < Double.POSITIVE_INFINITY) {
                // no run gets ahead of the slowest by more than the lead
                assertThat(max - min).isLessThanOrEqualTo(CompareViewModel.leadOf(min) + 1e-9);
            }
            if (done) {
                break;
            }
            Thread.sleep(2); // a frame interval, not a deadline
        }
        vm.pause();
        vm.frame();
    }

    @Test
    @Timeout(180)
    void aWhatIfBesideItsOriginalRunsInLockstepAndTheTableShowsBMinusAWithIntervals() throws Exception {
        Scenario a = Examples.load("basics/mmc-queue").withDuration(1800);
        Scenario b = a.withConsumer("payment", c -> c.withInstances(5)).withSeed(99); // the seed is A's all the same
        try (CompareViewModel vm = CompareViewModel.of(List.of(a, b), "payment", 3)) {
            assertThat(vm.runs()).hasSize(2);
            assertThat(vm.runs().get(1).scenarioProperty().get().seed()).isEqualTo(a.seed());
            assertThat(vm.commonIds()).containsExactly("checkout", "orders", "payment");
            assertThat(vm.selectedProperty().get()).isEqualTo("payment");
            playUntil(vm, 900);
            // the overlay: A's and B's running mean W, each with its prediction (B's is lower: 5 workers, not 4)
            var latency = vm.charts().get(2);
            assertThat(latency.find("A mean W").data().size()).isGreaterThan(10);
            assertThat(latency.find("B mean W").data().size()).isGreaterThan(10);
            double predA = latency.find("A predicted W").data().lastY();
            double predB = latency.find("B predicted W").data().lastY();
            assertThat(predB).isLessThan(predA);
            while (!vm.tableDone()) {
                vm.frame();
                Thread.sleep(5); // waits for the replications' progress, not a deadline
            }
            assertThat(vm.tableStatusProperty().get()).startsWith("3 paired replications");
            var w = vm.differences().stream().filter(d -> d.element().equals("payment") && d.figure().equals("W"))
                    .findFirst().orElseThrow();
            assertThat(w.means()).hasSize(2);
            assertThat(w.differences().get(0).mean()).isEqualTo(w.means().get(1) - w.means().get(0),
                    org.assertj.core.api.Assertions.within(1e-9));
            assertThat(w.differences().get(0).mean()).isNegative();
            assertThat(w.significant(1)).isTrue();
            // the same arrivals in both (common random numbers): the producer's throughput differs by nothing
            var sent = vm.differences().stream().filter(d -> d.element().equals("checkout")
                    && d.figure().equals("throughput")).findFirst().orElseThrow();
            assertThat(sent.differences().get(0).mean()).isZero();
            // a what-if on B restarts both at t = 0 and the table again
            vm.whatIf(1, s -> s.withConsumer("payment", c -> c.withInstances(6)));
            assertThat(vm.differences()).isEmpty();
            assertThat(vm.runs().get(1).selectedPrediction()).containsEntry("model", "M/M/6");
        }
    }

    @Test
    void scenariosThatShareNoIdAreRefusedWithTheIdsOfEach() throws Exception {
        List<Scenario> two = List.of(Examples.load("basics/mm1"), Examples.load("pubsub/fan-out"));
        assertThat(CompareViewModel.problem(two)).startsWith("These scenarios share no element id")
                .contains("A: clients, requests, worker").contains("B: orders-service");
        assertThatThrownBy(() -> CompareViewModel.of(two, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CompareViewModel.problem(List.of(two.get(0)))).contains("two to four");
    }
}

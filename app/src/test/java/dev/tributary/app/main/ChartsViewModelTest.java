package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.charts.ChartModel.FaultMark;
import dev.tributary.app.charts.FaultLabels;
import dev.tributary.sim.scenario.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChartsViewModelTest {

    /** A fault that lasts spans its time on the charts' axis; a crash is an instant; each names its kind and target. */
    @Test
    void faultsAreMarkedOnTheTimeAxis() throws Exception {
        List<FaultMark> crash = ChartsViewModel.faultMarks(Examples.load("streams/crash-at-least-once"));
        assertThat(crash).containsExactly(new FaultMark(60, 60, "crash ledger"));

        List<FaultMark> outage = ChartsViewModel.faultMarks(Examples.load("streams/broker-outage"));
        assertThat(outage).containsExactly(new FaultMark(300, 480, "down broker-2"));

        assertThat(ChartsViewModel.faultMarks(Examples.load("basics/mmc-queue"))).isEmpty();
    }

    /** outage-breaker fails both groups over one span: one band whose label names both, not two labels in one place. */
    @Test
    void faultsOverOneSpanGetOneLabel() throws Exception {
        List<FaultMark> both = ChartsViewModel.faultMarks(Examples.load("failures/outage-breaker"));
        assertThat(both).hasSize(2);
        assertThat(FaultLabels.layout(both, 0.5, 1200, text -> 7.0 * text.length()))
                .containsExactly(new FaultLabels.Placed(600, 900, "fail guarded, naive", 0));
    }

    /**
     * Steps {@code vm} one visible event at a time until its narration mentions {@code words} (or the run
     * ends); the caller's timeout turns a hang into a failure.
     */
    private static void stepUntil(MainViewModel vm, String words) throws InterruptedException {
        while (!vm.narrationProperty().get().contains(words)) {
            long before = vm.snapshotProperty().get().events();
            vm.step();
            MainViewModelTest.framesUntil(vm, s -> s.events() > before || s.finished());
        }
    }

    /**
     * A group that measures latency gets no "not measured" note while nothing has finished yet (its
     * throughput line has points, its W lines none); a window, which never measures W, L or busy
     * workers, says so from the start.
     */
    @Test
    @Timeout(120)
    void onlyAnElementThatNeverMeasuresAChartSaysSoNotOneWhoseFirstEventIsStillInService() throws Exception {
        try (MainViewModel vm = new MainViewModel(null)) {
            vm.loadExample("basics/mmc-queue");
            vm.selectedProperty().set("payment");
            MainViewModelTest.framesUntil(vm, s -> true);
            assertThat(vm.charts().get(2).note()).as("t = 0").isEmpty();
            vm.step();
            MainViewModelTest.framesUntil(vm, s -> s.events() >= 1);
            // the first arrival went straight to a worker: before its departure the run is going, W has no point
            stepUntil(vm, "payment worker");
            assertThat(vm.charts().get(1).find("mean out").data().size()).as("throughput has points").isPositive();
            assertThat(vm.charts().get(2).find("mean W").data().size()).as("nothing finished").isZero();
            assertThat(vm.charts().get(2).find("W per interval").data().size()).isZero();
            for (int c : new int[] {0, 2, 3}) {
                assertThat(vm.charts().get(c).note()).as("payment, chart " + c).isNotEqualTo(ChartsViewModel.UNMEASURED);
            }

            vm.loadExample("streaming/fraud-window");
            vm.selectedProperty().set("card-velocity");
            MainViewModelTest.framesUntil(vm, s -> true);
            for (int c : new int[] {0, 2, 3}) {
                assertThat(vm.charts().get(c).note()).as("window at t = 0, chart " + c)
                        .isEqualTo(ChartsViewModel.UNMEASURED);
            }
            assertThat(vm.charts().get(1).note()).isEmpty();
            vm.step();
            MainViewModelTest.framesUntil(vm, s -> s.events() >= 1);
            assertThat(vm.charts().get(2).note()).as("window after a step").isEqualTo(ChartsViewModel.UNMEASURED);
        }
    }
}

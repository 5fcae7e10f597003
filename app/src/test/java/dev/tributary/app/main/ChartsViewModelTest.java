package dev.tributary.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.charts.ChartModel.FaultMark;
import dev.tributary.sim.scenario.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}

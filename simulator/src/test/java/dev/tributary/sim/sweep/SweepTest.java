package dev.tributary.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.MINUTES) // waits on the sweep's threads: fails instead of hanging
class SweepTest {

    private static SweepPlan plan(String vary, double seconds) throws Exception {
        Scenario mmc = Examples.load("basics/mmc-queue");
        return SweepPlan.of(SweepPlan.text(mmc), mmc.source(), List.of(SweepPlan.parameter(vary)),
                s -> s.withDuration(seconds).withWarmup(seconds / 10));
    }

    private static Runner runner() {
        return new Runner().withPredictor(ScenarioTheory::reportBlocks);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameCsv() throws Exception {
        SweepPlan plan = plan("payment.instances=4..6", 1800);
        SweepReport one = new SweepReport(plan, Sweep.run(runner(), plan.points(), 3, 1), new SweepFigure("payment", "W"));
        SweepReport two = new SweepReport(plan, Sweep.run(runner(), plan.points(), 3, 2), new SweepFigure("payment", "W"));
        assertThat(two.csv()).isEqualTo(one.csv());
        assertThat(two.result().events()).isEqualTo(one.result().events());
    }

    @Test
    void theTableAndChartFollowThePointsAndThePrediction() throws Exception {
        SweepPlan plan = plan("payment.instances=4..6", 1800);
        SweepReport r = new SweepReport(plan, Sweep.run(runner(), plan.points(), 2, 2), plan.figure(null));
        assertThat(r.rows()).extracting(SweepReport.Row::settings)
                .containsExactly(List.of("4"), List.of("5"), List.of("6"));
        // the prediction is M/M/c at λ = 3.6/s, μ = 1/s for each c
        for (int i = 0; i < 3; i++) {
            assertThat(r.rows().get(i).predicted()).isCloseTo(dev.tributary.sim.theory.MMc.predict(4 + i, 3.6, 1).W(),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(r.rows().get(i).halfWidth()).isPositive();
        }
        SweepChart.Chart chart = r.chart();
        assertThat(chart.curves()).hasSize(1);
        assertThat(chart.curves().get(0).x()).containsExactly(4, 5, 6);
        assertThat(chart.curves().get(0).mean()[2]).isEqualTo(r.rows().get(2).mean());
        assertThat(chart.xLabel()).isEqualTo("payment.instances");
        assertThat(chart.title()).startsWith("payment.W against payment.instances");
        assertThat(r.json().get("points")).hasSize(3);
    }

    @Test
    void everyCoreByDefaultAndTheTasksRunOnThePoolsThreads() throws Exception {
        assertThat(Sweep.defaultThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        SweepPlan plan = plan("payment.instances=4..5", 60);
        java.util.Set<Thread> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Sweep.run(runner(), plan.points(), 3, 2, f -> seen.add(Thread.currentThread()), () -> false);
        assertThat(seen).hasSize(2).noneMatch(t -> t == Thread.currentThread());
    }

    @Test
    void progressRisesToOne() throws Exception {
        SweepPlan plan = plan("payment.instances=4..5", 1800);
        List<Double> seen = Collections.synchronizedList(new ArrayList<>());
        Sweep.run(runner(), plan.points(), 2, 2, seen::add, () -> false);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).isLessThanOrEqualTo(1.0);
        assertThat(seen).contains(1.0).allMatch(f -> f >= 0 && f <= 1);
    }

    @Test
    void aCancelledSweepStopsWithACancellation() throws Exception {
        // long enough that it could not finish in the test's time: only the cancellation ends it
        SweepPlan plan = plan("payment.instances=4..7", 1e7);
        AtomicBoolean cancel = new AtomicBoolean();
        List<Double> seen = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> Sweep.run(runner(), plan.points(), 4, 2, f -> {
            seen.add(f);
            cancel.set(true); // cancel at the first progress report
        }, cancel::get)).isInstanceOf(CancellationException.class);
        assertThat(seen).isNotEmpty().allMatch(f -> f < 0.5);
    }
}

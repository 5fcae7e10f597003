package dev.tributary.sim.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Parameter;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

    @Test
    void rangesStepsAndListsAreRead() {
        assertThat(SweepPlan.parameter("payment.instances=4..8").values()).containsExactly("4", "5", "6", "7", "8");
        assertThat(SweepPlan.parameter("payment.instances", "2..10:4").values()).containsExactly("2", "6", "10");
        assertThat(SweepPlan.parameter("checkout.rate=0.5..1:0.25").values()).containsExactly("0.5", "0.75", "1");
        // commas inside parentheses belong to the value
        Parameter p = SweepPlan.parameter("payment.service=erlang(2, 1s),exponential(1s)");
        assertThat(p.element()).isEqualTo("payment");
        assertThat(p.key()).isEqualTo("service");
        assertThat(p.values()).containsExactly("erlang(2, 1s)", "exponential(1s)");
    }

    @Test
    void malformedValuesAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> SweepPlan.parameter("payment.instances")).hasMessageContaining("ID.KEY=VALUES");
        assertThatThrownBy(() -> SweepPlan.parameter("payment.instances", "8..4")).hasMessageContaining("FROM ≤ TO");
        assertThatThrownBy(() -> SweepPlan.parameter("payment.instances", "1,,2")).hasMessageContaining("none empty");
        assertThatThrownBy(() -> SweepPlan.parameter("payment.instances", "1..5000"))
                .isInstanceOf(InvalidSweepException.class).hasMessageContaining("1000");
        assertThatThrownBy(() -> SweepPlan.parameter("pay ment", "1..2")).hasMessageContaining("ID.KEY");
    }

    @Test
    void theGridVariesTheFirstParameterSlowestAndEachPointIsBound() throws Exception {
        Scenario mmc = Examples.load("basics/mmc-queue");
        SweepPlan plan = SweepPlan.of(SweepPlan.text(mmc), mmc.source(), List.of(
                SweepPlan.parameter("payment.instances=4..5"), SweepPlan.parameter("checkout.rate=3/s,3.5/s")),
                s -> s.withDuration(60));
        assertThat(plan.settings()).containsExactly(List.of("4", "3/s"), List.of("4", "3.5/s"), List.of("5", "3/s"),
                List.of("5", "3.5/s"));
        assertThat(plan.points()).hasSize(4);
        assertThat(plan.points().get(2).consumers().get(0).instances()).isEqualTo(5);
        assertThat(plan.points().get(3).producers().get(0).arrivals().meanRate(60)).isEqualTo(3.5);
        assertThat(plan.points()).allMatch(s -> s.duration() == 60);
    }

    @Test
    void theFigureIsCheckedAgainstWhatThePointMeasures() throws Exception {
        Scenario mmc = Examples.load("basics/mmc-queue");
        SweepPlan plan = SweepPlan.of(SweepPlan.text(mmc), mmc.source(),
                List.of(SweepPlan.parameter("payment.instances=4..5")), s -> s);
        assertThat(plan.figure(null)).isEqualTo(new SweepFigure("payment", "W"));
        assertThat(plan.figure("payment.latency.p99").name()).isEqualTo("payment.latency.p99");
        assertThatThrownBy(() -> plan.figure("payment.nope")).hasMessageContaining("measures throughput");
        assertThatThrownBy(() -> plan.figure("nobody.W")).hasMessageContaining("one of the ids");
        assertThat(SweepPlan.figures(mmc)).containsKey("payment");
        assertThat(SweepPlan.figures(mmc).get("payment")).contains("W", "latency.p99");
    }

    @Test
    void tooManyPointsOrTheSameParameterTwiceAreRefused() throws Exception {
        Scenario mmc = Examples.load("basics/mmc-queue");
        String text = SweepPlan.text(mmc);
        assertThatThrownBy(() -> SweepPlan.of(text, mmc.source(), List.of(SweepPlan.parameter("payment.instances=1..40"),
                SweepPlan.parameter("checkout.rate=1..26")), s -> s)).hasMessageContaining("1040 points");
        assertThatThrownBy(() -> SweepPlan.of(text, mmc.source(), List.of(SweepPlan.parameter("payment.instances=1..2"),
                SweepPlan.parameter("payment.instances=3..4")), s -> s)).hasMessageContaining("varied twice");
    }
}

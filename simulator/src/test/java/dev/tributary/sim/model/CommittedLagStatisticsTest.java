package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static dev.tributary.sim.model.Replicated.estimate;
import static dev.tributary.sim.model.Replicated.replicate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.metrics.Estimate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Committed lag under auto-commit: ≈ L + λ·interval/2 (the real broker: 215.7 messages at 80/s with
 * L = 17.4 and a 5 s interval). The approximation errs low: a busy member commits at its next poll,
 * after the interval, so the mean age of the last commit is a little over interval/2.
 */
@Tag("statistical")
class CommittedLagStatisticsTest {

    @Test
    void committedLagIsLPlusLambdaTimesHalfTheInterval() {
        List<ElementResult> runs = replicate(yaml("""
                duration: 10m
                warmup: 1m
                producers: [{id: p, to: s, arrivals: poisson(80/s), keys: uniform(10000)}]
                channels: [{id: s, type: stream, partitions: 4}]
                consumers: [{id: g, from: s, instances: 4, service: exponential(40ms), commit: auto(5s)}]
                """), 8, "g");
        Estimate excess = estimate(runs, r -> r.get("lag") - r.get("L"));
        double expected = 80 * 5 / 2.0;
        assertThat(excess.mean() + excess.halfWidth()).as("%s", excess).isGreaterThan(expected);
        assertThat(excess.mean()).as("%s", excess).isLessThan(1.08 * expected);
        assertThat(excess.halfWidth()).isLessThan(0.05 * expected);
        Estimate l = estimate(runs, r -> r.get("L"));
        assertThat(l.mean()).isBetween(12.0, 22.0); // four M/M/1 at ρ ≈ 0.8: 16 (the real broker: 17.4)
    }
}

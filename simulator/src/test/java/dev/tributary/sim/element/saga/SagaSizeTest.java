package dev.tributary.sim.element.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** A saga's size: a located bound on its steps. */
class SagaSizeTest {

    @Test
    void aSagaWithMoreThanTheMostStepsIsALocatedError() {
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= SagaSpec.MAX_STEPS + 1; i++) {
            steps.append(i == 1 ? "" : ", ").append("{name: s").append(i).append('}');
        }
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: saga, style: orchestration, steps: [%s]}]
                consumers: [{id: g, from: s, step: s1, service: exponential(10ms)}]
                """.formatted(steps), "big.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("big.yaml:2:").contains("channels[0].steps")
                .contains("has 101 steps; expected at most 100").doesNotContain("no channel with id");
    }
}

package dev.tributary.sim.element.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saga wired inconsistently is refused with located problems, never run. */
class SagaBindingTest {

    static List<ScenarioException.Problem> problems(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(yaml, "s.yaml"));
        assertThat(e).as("refused").isNotNull();
        return e.problems();
    }

    static final String HEAD = """
            producers: [{id: p, to: order-saga, arrivals: poisson(1/s)}]
            channels:
              - id: order-saga
                type: saga
                style: orchestration
                steps:
                  - {name: reserve, compensation: release}
                  - {name: pay}
            consumers:
              - {id: inventory, from: order-saga, step: reserve, service: exponential(100ms)}
            """;

    @Test
    void twoGroupsOnOneStepAreRefusedAtTheSecond() {
        List<ScenarioException.Problem> p = problems(HEAD + """
                  - {id: payment, from: order-saga, step: pay, service: exponential(100ms)}
                  - {id: payment2, from: order-saga, step: pay, service: exponential(100ms)}
                """);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).line()).isEqualTo(12);
        assertThat(p.get(0).key()).isEqualTo("consumers[2].step");
        assertThat(p.get(0).message()).contains("already handled by group 'payment'");
    }

    @Test
    void aStepNobodyHandlesAndAnUnknownStepAreRefused() {
        assertThat(problems(HEAD)).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("channels[0].steps");
            assertThat(x.message()).contains("step 'pay'").contains("no group handling it");
        });
        assertThat(problems(HEAD + "  - {id: payment, from: order-saga, step: payy, service: exponential(1s)}\n"))
                .anySatisfy(x -> assertThat(x.message()).contains("no step 'payy'").contains("reserve, pay"));
    }

    @Test
    void keysThatDoNotFitTheStyleOrAStepAreRefused() {
        List<ScenarioException.Problem> p = problems("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels:
                  - id: s
                    type: saga
                    style: choreography
                    coordinator: {instances: 2}
                    steps: [{name: a, timeout: 1s}]
                  - {id: q, type: queue}
                consumers:
                  - {id: g, from: s, step: a, service: exponential(1s), failures: {probability: 0.1, retries: 2}, emits: [{to: q}]}
                  - {id: h, from: q, service: exponential(1s), step: a}
                """);
        assertThat(p).extracting(ScenarioException.Problem::key).contains("channels[0].coordinator",
                "channels[0].steps[0].timeout", "consumers[0].failures.retries", "consumers[0].emits",
                "consumers[1].step");
        assertThat(p).allSatisfy(x -> assertThat(x.line()).isPositive());
    }

    @Test
    void aStepGroupWithoutItsStepKeyIsRefused() {
        assertThat(problems("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: saga, style: orchestration, steps: [{name: a}]}]
                consumers: [{id: g, from: s, service: exponential(1s)}]
                """)).anySatisfy(x -> assertThat(x.key()).isEqualTo("consumers[0].step"));
    }
}

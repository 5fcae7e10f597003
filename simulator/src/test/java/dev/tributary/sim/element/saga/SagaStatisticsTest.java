package dev.tributary.sim.element.saga;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The saga theory against replicated runs. Without timeouts the outcome shares and the messages per
 * saga are exact expectations (independent Bernoulli attempts), so their 95% intervals must contain
 * the prediction; the completion time is an approximation (each station M/G/c at its visit rate) and
 * is held to 5%.
 */
@Tag("statistical")
class SagaStatisticsTest {

    static final String FLOW = """
            duration: 1h
            warmup: 5m
            producers: [{id: checkout, to: order-saga, arrivals: poisson(3/s)}]
            channels:
              - id: order-saga
                type: saga
                style: %s
                %s
                steps:
                  - {name: reserve, compensation: release, retries: 1}
                  - {name: pay, compensation: refund, retries: 1}
                  - {name: confirm}
            consumers:
              - {id: inventory, from: order-saga, step: reserve, instances: 2, service: exponential(100ms), failures: {probability: 0.1}, compensation-failures: 0.2}
              - {id: payment, from: order-saga, step: pay, instances: 2, service: exponential(200ms), failures: {probability: 0.3}, compensation-failures: 0.1}
              - {id: orders, from: order-saga, step: confirm, service: exponential(50ms), failures: {probability: 0.2}}
            """;

    static void check(Scenario s) {
        List<ElementResult> runs = new Runner().replicate(s, 8).stream()
                .map(r -> r.model().results().stream().filter(e -> e.id().equals("order-saga")).findFirst().orElseThrow())
                .toList();
        Map<String, Object> p = ScenarioTheory.predict(s).get("order-saga").extra();
        runs.forEach(SagaModelTest::assertReconciles);
        ToDoubleFunction<ElementResult> done = r -> r.get("completed") + r.get("compensated") + r.get("failed")
                + r.get("timedOut");
        inside(runs, r -> r.get("completed") / done.applyAsDouble(r), (double) p.get("completedShare"), "completed share");
        inside(runs, r -> r.get("compensated") / done.applyAsDouble(r), (double) p.get("compensatedShare"),
                "compensated share");
        inside(runs, r -> r.get("failed") / done.applyAsDouble(r), (double) p.get("failedShare"), "failed share");
        inside(runs, r -> r.get("messagesPerSaga"), (double) p.get("messagesPerSaga"), "messages per saga");
        Estimate t = Estimate.of(runs.stream().mapToDouble(r -> r.get("completionTime.mean")).toArray());
        assertThat(t.mean()).as("completion time").isCloseTo((double) ((Map<?, ?>) p.get("completionTime")).get("mean"),
                org.assertj.core.api.Assertions.withinPercentage(5));
    }

    static void inside(List<ElementResult> runs, ToDoubleFunction<ElementResult> f, double expected, String what) {
        Estimate e = Estimate.of(runs.stream().mapToDouble(f).toArray());
        assertThat(e.contains(expected)).as("%s: %.5f ± %.5f should contain %.5f", what, e.mean(), e.halfWidth(), expected)
                .isTrue();
    }

    @Test
    void orchestrationOutcomesAndMessagesMatchTheTheory() {
        check(yaml(FLOW.formatted("orchestration", "coordinator: {instances: 1, decision: exponential(20ms)}")));
    }

    @Test
    void choreographyOutcomesAndMessagesMatchTheTheory() {
        check(yaml(FLOW.formatted("choreography", "")));
    }
}

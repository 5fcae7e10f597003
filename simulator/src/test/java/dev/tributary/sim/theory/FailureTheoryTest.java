package dev.tributary.sim.theory;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.model.ScenarioTheory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What failures do to the predictions, worked out by hand. */
class FailureTheoryTest {

    private static double num(Map<String, Object> block, String dotted) {
        Object node = block;
        for (String part : dotted.split("\\.")) {
            node = ((Map<?, ?>) node).get(part);
        }
        return ((Number) node).doubleValue();
    }

    @Test
    void requeueOffersTheLineLambdaTimesA() {
        Map<String, Map<String, Object>> b = ScenarioTheory.reportBlocks(yaml("""
                producers: [{id: p, to: q, arrivals: poisson(2/s)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}]
                consumers:
                  - id: g
                    from: q
                    instances: 4
                    service: exponential(1s)
                    failures: {probability: 0.3, retries: 2, backoff: 1s, mode: requeue, dlq: dlq}
                  - {id: ops, from: dlq, service: exponential(5s)}
                """));
        Map<String, Object> q = b.get("q");
        assertThat(q.get("model")).isEqualTo("M/M/4");
        assertThat(q.get("exact")).isEqualTo(true);
        assertThat(num(q, "lambda")).isCloseTo(2.78, within(1e-12));
        assertThat(num(q, "L")).isCloseTo(MMc.predict(4, 2.78, 1).L(), within(1e-12));
        assertThat((String) q.get("reason")).contains("A = 1 + p + … + p^r = 1.390").contains("λA = 2.780/s");
        Map<String, Object> g = b.get("g");
        assertThat(num(g, "attemptRate")).isCloseTo(2.78, within(1e-12));
        assertThat(num(g, "retryRate")).isCloseTo(0.78, within(1e-12));
        assertThat(num(g, "errorRate")).isCloseTo(0.3, within(1e-12));
        assertThat(num(g, "dlq.throughput")).isCloseTo(0.054, within(1e-12));
        assertThat(num(g, "inBackoff")).isCloseTo(2 * (0.3 + 0.09), within(1e-12));
        assertThat(num(g, "throughput")).isCloseTo(2 * 0.973, within(1e-12));
        // p* with 2·(1 + p + p²)/4 = 1: p² + p − 1 = 0, p = (√5 − 1)/2
        assertThat(num(g, "criticalFailureProbability")).isCloseTo((Math.sqrt(5) - 1) / 2, within(1e-9));
        // the DLQ is fed λp³ and its reader is an M/M/1 on it; its events are as old as 3 passes + 2 backoffs
        assertThat(num(b.get("ops"), "lambda")).isCloseTo(0.054, within(1e-12));
        double pass = MMc.predict(4, 2.78, 1).W();
        assertThat(num(b.get("ops"), "endToEnd.mean")).isCloseTo(3 * pass + 2 + 1 / (0.2 - 0.054), within(1e-9));
    }

    @Test
    void blockingRetriesMakeTheServiceTimeTheSumOfAttemptsAndBackoffs() {
        // S = 1 s, p = 0.5, one retry after 1 s: E[T] = 2, SCV 0.25 (see RetriesTest); λ = 0.25: ρ = 0.5,
        // Pollaczek–Khinchine Wq = ρ(1 + cs²)/(2(1 − ρ))·E[T] = 1.25, W = 3.25
        Map<String, Map<String, Object>> b = ScenarioTheory.reportBlocks(yaml("""
                producers: [{id: p, to: q, arrivals: poisson(0.25/s)}]
                channels: [{id: q, type: queue}]
                consumers:
                  - id: g
                    from: q
                    service: deterministic(1s)
                    failures: {probability: 0.5, retries: 1, backoff: 1s}
                """));
        Map<String, Object> g = b.get("g");
        assertThat(g.get("model")).isEqualTo("M/G/1");
        assertThat(g.get("exact")).isEqualTo(true);
        assertThat(num(g, "utilization")).isCloseTo(0.5, within(1e-12));
        assertThat(num(g, "Wq")).isCloseTo(1.25, within(1e-9));
        assertThat(num(g, "W")).isCloseTo(3.25, within(1e-9));
        assertThat(num(g, "droppedRate")).isCloseTo(0.25 * 0.25, within(1e-12));
        // events that succeed spend Wq + E[T | success] = 1.25 + 5/3 in the group
        assertThat(num(g, "endToEnd.mean")).isCloseTo(1.25 + 5.0 / 3, within(1e-9));
    }

    @Test
    void retryTopicsAreDelayStagesWithTheirOwnPredictions() {
        Map<String, Map<String, Object>> b = ScenarioTheory.reportBlocks(yaml("""
                producers: [{id: p, to: s, arrivals: poisson(4/s), keys: uniform(1000)}]
                channels: [{id: s, type: stream, partitions: 2}, {id: dlq, type: queue}]
                consumers:
                  - id: g
                    from: s
                    instances: 2
                    service: exponential(250ms)
                    failures: {probability: 0.25, mode: retry-topics, retry-topics: [5s, 30s], dlq: dlq}
                """));
        assertThat(b).containsKeys("g-retry-1", "g-retry-2");
        Map<String, Object> s1 = b.get("g-retry-1");
        assertThat(s1.get("model")).isEqualTo("delay 5s + M/M/2");
        assertThat(num(s1, "lambda")).isCloseTo(1, within(1e-12));
        assertThat(num(s1, "W")).isCloseTo(5 + MMc.predict(2, 1, 4).W(), within(1e-12));
        assertThat(num(s1, "L")).isCloseTo(5 + MMc.predict(2, 1, 4).L(), within(1e-12));
        assertThat(num(b.get("g-retry-2"), "lambda")).isCloseTo(0.25, within(1e-12));
        // first attempts only at the main line; every attempt counted for the group
        assertThat(num(b.get("g"), "lambda")).isCloseTo(4, within(1e-12));
        assertThat(num(b.get("g"), "attemptRate")).isCloseTo(4 * (1 + 0.25 + 0.0625), within(1e-12));
        assertThat(num(b.get("g"), "throughput")).isCloseTo(3, within(1e-12));
        assertThat(num(b.get("dlq"), "growthRate")).isCloseTo(4 * Math.pow(0.25, 3), within(1e-12));
    }

    @Test
    void breakersAndFaultsMakeThePredictionASteadyStateOnly() {
        Map<String, Map<String, Object>> b = ScenarioTheory.reportBlocks(yaml("""
                producers: [{id: p, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers:
                  - id: g
                    from: q
                    instances: 2
                    service: exponential(1s)
                    failures: {probability: 0.01}
                    circuit-breaker: {}
                faults: [{at: 10m, fail: g, for: 1m}]
                """));
        assertThat(b.get("g").get("exact")).isEqualTo(false);
        assertThat(b.get("g").get("caveats").toString()).contains("circuit breaker").contains("transient");
    }
}

package dev.tributary.sim.report;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.sim.model.ScenarioTheory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a report judges its predictions, and the run figures it writes. */
class ReportChecksTest {

    static ElementReport element(String id, double measured, double halfWidth, double predicted, boolean exact) {
        Map<String, Figure> m = new LinkedHashMap<>();
        m.put("W", new Figure(measured, halfWidth));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", "M/M/1");
        p.put("exact", exact);
        p.put("W", predicted);
        return new ElementReport(id, "queue", m, p);
    }

    static Report report(List<ElementReport> elements) {
        return new Report("t", "t.yaml", 1, 3600, 0, 10, 1000, 0.5, 1.5, 0, elements);
    }

    @Test
    void approximationsOutsideTheirIntervalAreMarkedApproximatelyNotWrong() {
        Report r = report(List.of(element("inside", 2.0, 0.1, 2.05, true), element("wrong", 2.0, 0.1, 3.0, true),
                element("approx", 2.0, 0.1, 3.0, false)));
        ReportWriter.Checks checks = ReportWriter.checks(r);
        assertThat(checks.exact()).isEqualTo(2);
        // two exact checks, 9 degrees of freedom: t(1 − 0.05/4)/t(0.975)
        assertThat(checks.widening()).isGreaterThan(1.1).isLessThan(1.3);
        String table = ReportWriter.toTable(r);
        assertThat(table).contains("2.050 ✓").contains("3.000 ✗").contains("3.000 ≈")
                .contains("3 checks, 2 of exact predictions").contains("Bonferroni");
        ObjectNode json = ReportWriter.toJsonTree(r);
        assertThat(json.at("/elements/inside/check/W").asBoolean()).isTrue();
        assertThat(json.at("/elements/approx/check/W").asBoolean()).isFalse();
        assertThat(json.at("/run/checks/outsideExact/0").asText()).isEqualTo("wrong.W");
        assertThat(json.at("/run/checks/expectedOutsidePlain95ByChance").asDouble()).isEqualTo(0.1);
    }

    @Test
    void aDivergingPredictionIsWrittenAsNullNotAsTheStringInfinity() {
        Map<String, Figure> m = new LinkedHashMap<>(Map.of("W", new Figure(2.0, 0.1)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("exact", false);
        p.put("W", Double.POSITIVE_INFINITY);
        p.put("completionTime", new LinkedHashMap<>(Map.of("mean", Double.POSITIVE_INFINITY, "p50", Double.NaN,
                "p99", 3.0)));
        p.put("steps", List.of(Double.NEGATIVE_INFINITY, 1.5));
        Report r = report(List.of(new ElementReport("s", "saga", m, p)));
        String json = ReportWriter.toJson(r);
        assertThat(json).doesNotContain("Infinity").doesNotContain("NaN");
        ObjectNode tree = ReportWriter.toJsonTree(r);
        assertThat(tree.at("/elements/s/predicted/W").isNull()).isTrue();
        assertThat(tree.at("/elements/s/predicted/completionTime/mean").isNull()).isTrue();
        assertThat(tree.at("/elements/s/predicted/completionTime/p50").isNull()).isTrue();
        assertThat(tree.at("/elements/s/predicted/completionTime/p99").asDouble()).isEqualTo(3.0);
        assertThat(tree.at("/elements/s/predicted/steps/0").isNull()).isTrue();
        assertThat(tree.at("/elements/s/predicted/steps/1").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aFigureThatNeverVariesOrARateCountedOverTheWindowStillAgrees() {
        // a constant producer's count over the window is one event short of rate × window
        Map<String, Figure> m = new LinkedHashMap<>(Map.of("throughput", new Figure(5.999722, 0.0)));
        Map<String, Object> p = new LinkedHashMap<>(Map.of("exact", true, "throughput", 6.0));
        Report r = report(List.of(new ElementReport("p", "producer", m, p)));
        ReportWriter.Checks checks = ReportWriter.checks(r);
        assertThat(checks.inside(checks.all().get(0))).isTrue();
    }

    @Test
    void runWritesWallAndEngineTimeBacklogAndEachReplicationOnRequest() {
        Report r = new Runner().withPredictor(ScenarioTheory::reportBlocks).withPerReplication(true).run(yaml("""
                seed: 3
                duration: 20m
                producers:
                  - {id: p, to: q, arrivals: poisson(2.5/s)}
                  - {id: p2, to: s, arrivals: poisson(5/s), keys: uniform(10)}
                channels:
                  - {id: q, type: queue, capacity: 3, overflow: block}
                  - {id: s, type: stream, partitions: 2}
                consumers:
                  - {id: w, from: q, instances: 2, service: exponential(1s)}
                  - {id: g, from: s, instances: 2, service: exponential(100ms)}
                """), 3);
        assertThat(r.wallSeconds()).isPositive();
        assertThat(r.engineSeconds()).isPositive();
        JsonNode json = ReportWriter.toJsonTree(r);
        assertThat(json.at("/run/engineSeconds").isNumber()).isTrue();
        assertThat(json.at("/elements/q/perReplication/L").size()).isEqualTo(3);
        assertThat(json.at("/elements/q/measured/backlog").isNumber()).isTrue();
        assertThat(json.at("/elements/q/measured/blockProbability").asDouble()).isBetween(0.1, 0.5);
        assertThat(json.at("/elements/g/measured/backlog").isNumber()).isTrue();
        assertThat(json.at("/elements/g/measured/partitions/0/W").isNumber()).isTrue();
        assertThat(json.at("/elements/g/predicted/partitions/0/W").isNumber()).isTrue();
        assertThat(json.at("/elements/p/predicted/throughput").asDouble()).isCloseTo(1.8456,
                org.assertj.core.api.Assertions.within(1e-4));
        // nothing is lost by a blocking queue: no loss probability is predicted
        assertThat(json.at("/elements/q/predicted/lossProbability").isMissingNode()).isTrue();
        assertThat(json.toString()).doesNotContain("NaN");
    }
}

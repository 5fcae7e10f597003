package dev.tributary.sim.theory;

import dev.tributary.sim.model.ScenarioTheory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.format.ScenarioException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model each example maps to, and why. */
class ScenarioTheoryTest {

    static Map<String, ElementPrediction> of(String example) {
        try {
            return ScenarioTheory.predict(Examples.load(example));
        } catch (ScenarioException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sharedQueueIsMmc() {
        Prediction p = of("basics/mmc-queue").get("orders").prediction();
        assertThat(p.model()).isEqualTo("M/M/4");
        assertThat(p.exact()).isTrue();
        assertThat(p.reason()).contains("4 competing workers");
        assertThat(p.L()).isCloseTo(10.6898, within(5e-5));
        assertThat(of("basics/mmc-queue").get("payment").prediction().model()).isEqualTo("M/M/4");
    }

    @Test
    void deterministicServiceIsMd1AndBoundedQueueIsMmcK() {
        assertThat(of("basics/md1").get("readings").prediction().model()).isEqualTo("M/D/1");
        assertThat(of("basics/md1").get("readings").prediction().Wq()).isCloseTo(2.0, within(1e-12));
        Prediction k = of("basics/bounded-queue").get("jobs").prediction();
        assertThat(k.model()).isEqualTo("M/M/2/7");
        assertThat(k.loss()).isCloseTo(0.22396161060412656, within(1e-12));
    }

    @Test
    void overloadIsUnstableWithItsGrowthRate() {
        Prediction p = of("basics/overload").get("inbox").prediction();
        assertThat(p.stable()).isFalse();
        assertThat(p.growthRate()).isCloseTo(0.5, within(1e-12));
        // utilization never exceeds 1: the offered load says by how much the workers are outnumbered
        assertThat(p.utilization()).isLessThanOrEqualTo(1);
        assertThat(p.toMap()).containsEntry("stable", false).containsEntry("growthRate", 0.5)
                .containsEntry("offeredLoad", 3.5 / 3);
        // over the run (1 h from empty) the averages are expected values: L ≈ 0.5 · 1800 + the start's idle time
        assertThat((Double) p.toMap().get("L")).isBetween(900.0, 915.0);
        assertThat((Double) p.toMap().get("W")).isBetween(257.0, 262.0);
    }

    @Test
    void topicFeedsEachGroupTheFullRate() {
        var m = of("pubsub/fan-out");
        assertThat(m.get("billing").prediction().lambda()).isCloseTo(2.0, within(1e-12));
        assertThat(m.get("billing").prediction().model()).isEqualTo("M/M/1");
        assertThat(m.get("shipping").prediction().model()).isEqualTo("M/M/2");
        assertThat(m.get("analytics").prediction().model()).isEqualTo("M/D/1");
        assertThat(m.get("order-placed").toMap()).containsEntry("model", "fan-out");
    }

    @Test
    void streamIsSeparateQueuesFedByKeyShares() {
        var m = of("streams/kafka-uniform-keys");
        Prediction g = m.get("ledger").prediction();
        assertThat(g.model()).isEqualTo("4 × M/M/1");
        assertThat(g.reason()).contains("busiest member ρ = 0.845");
        // the mixture of four M/M/1 queues at the murmur2 shares: 2.6% above the naive 0.5 s
        assertThat(g.W()).isCloseTo(0.5129, within(5e-4));
        var idle = of("streams/idle-consumers").get("aggregator").prediction();
        assertThat(idle.model()).isEqualTo("3 × M/M/1");
        assertThat(idle.reason()).contains("2 members stay idle");
        var hot = of("streams/hot-keys").get("sessionizer").prediction();
        assertThat(hot.stable()).isFalse();
        assertThat(hot.caveats()).anyMatch(c -> c.contains("Zipf"));
    }

    @Test
    void routerSplitsTheRateByItsRules() {
        var m = of("routing/content-router");
        assertThat(m.get("refunds").prediction().lambda()).isCloseTo(0.8, within(1e-12));
        assertThat(m.get("fraud-review").prediction().lambda()).isCloseTo(0.32, within(1e-12));
        assertThat(m.get("fulfilment").prediction().lambda()).isCloseTo(2.88, within(1e-12));
        assertThat(m.get("fulfilment").prediction().model()).isEqualTo("M/M/4");
    }

    @Test
    void pipelineStagesAreAJacksonNetwork() {
        var m = of("pipelines/two-stage");
        assertThat(m.get("validated").prediction().lambda()).isCloseTo(5.0, within(1e-12));
        assertThat(m.get("validated").prediction().exact()).isTrue();
    }

    @Test
    void onOffArrivalsAreExactByGiMc() {
        // on-off arrivals are a renewal process with hyperexponential gaps: H2/M/6 by Takács, exact
        Prediction p = of("pipelines/bursty").get("work").prediction();
        assertThat(p.exact()).isTrue();
        assertThat(p.model()).isEqualTo("H2/M/6");
        assertThat(p.W()).isCloseTo(40.9088, within(1e-4));
        // burstiness raises the predicted wait far above plain M/M/6
        assertThat(p.Wq()).isGreaterThan(MMc.predict(6, 4, 1).Wq() * 10);
    }

    @Test
    void idlePartitionsMembersAndQueuesHaveNumbersNotNaN() throws Exception {
        // two keys on four partitions: two partitions and their members get nothing; a queue nobody
        // writes to; a queue nobody reads; a topic with no producer
        var m = ScenarioTheory.predict(dev.tributary.sim.scenario.ScenarioReader.parse("""
                producers:
                  - {id: p, to: s, arrivals: poisson(2/s), keys: uniform(2)}
                  - {id: p2, to: lonely, arrivals: poisson(1/s)}
                channels:
                  - {id: s, type: stream, partitions: 4}
                  - {id: lonely, type: queue}
                  - {id: empty, type: queue}
                  - {id: t, type: topic}
                consumers:
                  - {id: g, from: s, instances: 4, service: exponential(100ms)}
                  - {id: e, from: empty, service: exponential(100ms)}
                  - {id: tg, from: t, service: exponential(200ms)}
                """, "idle.yaml"));
        for (var e : m.values()) {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(e.toMap());
            assertThat(json).as(e.id()).doesNotContain("NaN").doesNotContain("null").doesNotContain("Infinity");
        }
        @SuppressWarnings("unchecked")
        var parts = (Map<String, Map<String, Object>>) m.get("g").toMap().get("partitions");
        assertThat(parts.values()).anyMatch(p -> Boolean.TRUE.equals(p.get("idle")) && Double.valueOf(0).equals(p.get("lag")));
        assertThat(m.get("e").toMap()).containsEntry("idle", true).containsEntry("L", 0.0).containsEntry("W", 0.1);
        assertThat(m.get("lonely").toMap()).containsEntry("model", "no consumers").containsEntry("growthRate", 1.0);
        assertThat(m.get("tg").toMap()).containsEntry("idle", true);
    }
}

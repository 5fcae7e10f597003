package dev.tributary.sim.element.stage;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.ScenarioReader;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stages: backpressure from a full stage to the upstream worker and on to the producer, or shedding; exact counts. */
class StageTest {

    /**
     * Producer every 0.5 s (first at 0.5) → stage a (1 worker, 0.25 s, room for 1) → stage b (1 worker,
     * 1 s, room for 1). Worked by hand: from t = 4.75 the line repeats every second. At x.0 a's worker
     * finishes and finds b full (one in service, one waiting): it holds its event until b's departure
     * at x.75 (0.75 s held per second). At x.25 the producer finds a's room taken (the held worker takes
     * nothing) and is held until x.75 (0.5 s per second). At x.75 b takes its next event, a's worker hands
     * over, starts the event that waited in a, and the producer's held event enters a. Over the window
     * (5.1 s, 105.1 s] that is 100 periods.
     */
    private static final String LINE = """
            duration: 105.1s
            warmup: 5.1s
            producers: [{id: src, to: a, arrivals: constant(2/s)}]
            channels:
              - {id: a, type: stage, capacity: 1}
              - {id: b, type: stage, capacity: 1%s}
            consumers:
              - {id: fast, from: a, service: deterministic(250ms), emits: [{to: b}]}
              - {id: slow, from: b, service: deterministic(1s)}
            """;

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aFullStageHoldsTheUpstreamWorkerAndThePressureReachesTheProducer() {
        Model m = new Model(yaml(LINE.formatted("")));
        m.runToEnd();
        ElementResult fast = result(m, "fast");
        assertThat(fast.get("held")).isEqualTo(100.0);            // one hold per period, starting at x.0
        assertThat(fast.get("heldSeconds")).isCloseTo(75.0, within(1e-9)); // 0.65 + 99 × 0.75 + 0.1
        assertThat(fast.get("heldFraction")).isCloseTo(0.75, within(1e-12));
        assertThat(fast.get("utilization")).isCloseTo(1.0, within(1e-12)); // a held worker is occupied
        ElementResult src = result(m, "src");
        assertThat(src.get("produced")).isEqualTo(100.0);         // one per second, not two
        assertThat(src.get("blockedFraction")).isCloseTo(0.5, within(1e-12));
        ElementResult a = result(m, "a");
        ElementResult b = result(m, "b");
        assertThat(a.get("throughput")).isEqualTo(1.0);           // hand-overs at x.75
        assertThat(a.get("W")).isCloseTo(2.0, within(1e-12));     // 1 s waiting, 0.25 s service, 0.75 s held
        assertThat(a.get("Wq")).isCloseTo(1.0, within(1e-12));
        assertThat(a.get("L")).isCloseTo(2.0, within(1e-12));     // Little: 1/s × 2 s
        assertThat(a.get("rejected")).isEqualTo(0.0);
        assertThat(b.get("throughput")).isEqualTo(1.0);
        assertThat(b.get("W")).isCloseTo(2.0, within(1e-12));
        assertThat(b.get("rejected")).isEqualTo(0.0);
        assertThat(result(m, "slow").get("utilization")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theHeldWorkerAndTheBlockedProducerSayItInTheirStateForTheDrawing() {
        Model m = new Model(yaml(LINE.formatted("")));
        m.runUntil(10.5); // between x.25 and x.75: fast's worker holds its event for b, the producer is held by a
        Map<String, Map<String, Double>> st = m.snapshot();
        assertThat(st.get("fast")).containsEntry("held", 1.0).containsEntry("worker.0.held", 1.0);
        assertThat(st.get("src")).containsEntry("blocked", 1.0);
        assertThat(st.get("a")).containsEntry("queued", 1.0);
        assertThat(st.get("b")).containsEntry("queued", 1.0);
        m.runUntil(10.9); // after x.75 everyone moves again
        st = m.snapshot();
        assertThat(st.get("fast")).containsEntry("held", 0.0).doesNotContainKey("worker.0.held");
        assertThat(st.get("src")).containsEntry("blocked", 0.0);
    }

    @Test
    void aSheddingStageRejectsAndNothingUpstreamWaits() {
        // b sheds: a never holds, the producer never waits; b takes one event per second and a finishes
        // two per second (at x.25 and x.75, every one of them reaching b), so b rejects one per second
        Model m = new Model(yaml(LINE.formatted(", when-full: shed")));
        m.runToEnd();
        ElementResult fast = result(m, "fast");
        assertThat(fast.get("throughput")).isEqualTo(2.0);
        assertThat(fast.measured()).doesNotContainKey("held");                    // nothing downstream holds it back
        assertThat(result(m, "src").get("blockedFraction")).isEqualTo(0.0);
        ElementResult b = result(m, "b");
        assertThat(b.get("throughput")).isEqualTo(1.0);
        assertThat(b.get("rejected")).isEqualTo(100.0);
        assertThat(b.get("lossProbability")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theLineIsCappedByItsSlowestStageInThePrediction() {
        var predicted = ScenarioTheory.predict(yaml(LINE.formatted("")));
        var a = predicted.get("a").toMap();
        assertThat(a.get("lineCapacity")).isEqualTo(1.0);        // min(1/0.25, 1/1)
        assertThat(a.get("bottleneck")).isEqualTo("b");
        assertThat((double) a.get("throughput")).isCloseTo(1.0, within(1e-9));
        assertThat(a.get("exact")).isEqualTo(false);
        assertThat((double) predicted.get("src").toMap().get("blockedFraction")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void stagesUpstreamOfASaturatedBottleneckPassExactlyTheLineCapacity() {
        // 10/s offered to 2 × 50 ms → 2 × 80 ms → 1 × 120 ms (bottleneck, 8.33/s) → 2 × 100 ms
        var predicted = ScenarioTheory.predict(yaml("""
                duration: 1h
                producers: [{id: src, to: a, arrivals: poisson(10/s)}]
                channels:
                  - {id: a, type: stage, capacity: 20}
                  - {id: b, type: stage, capacity: 10}
                  - {id: c, type: stage, capacity: 10}
                  - {id: d, type: stage, capacity: 10}
                consumers:
                  - {id: ga, from: a, instances: 2, service: exponential(50ms), emits: [{to: b}]}
                  - {id: gb, from: b, instances: 2, service: exponential(80ms), emits: [{to: c}]}
                  - {id: gc, from: c, service: exponential(120ms), emits: [{to: d}]}
                  - {id: gd, from: d, instances: 2, service: exponential(100ms)}
                """));
        double bound = 1 / 0.12;
        for (String id : new String[] {"a", "b"}) {
            var p = predicted.get(id).toMap();
            assertThat((double) p.get("throughput")).as(id).isCloseTo(bound, within(1e-4)); // b: bound(1 − 1e-6)
            assertThat((java.util.List<?>) p.get("caveats")).as(id)
                    .anySatisfy(c -> assertThat((String) c).contains("flow conservation"));
        }
        // the head's chain is M/M/2/(22+1) with λ(1 − P(23)) = bound, so the producer is held 1 − bound/λ
        assertThat((double) predicted.get("src").toMap().get("blockedFraction")).isCloseTo(1 - bound / 10, within(1e-9));
        // b, fed by held workers, runs with its own capacity equal to the line's: every worker occupied
        var gb = predicted.get("gb").toMap();
        assertThat((double) gb.get("utilization")).isCloseTo(1.0, within(1e-5));
        assertThat((double) gb.get("heldWorkers")).isCloseTo(bound * (2 / bound - 0.08), within(1e-5));
        // the bottleneck and the stage after it are not corrected
        assertThat((java.util.List<?>) predicted.get("c").toMap().get("caveats"))
                .noneSatisfy(c -> assertThat((String) c).contains("flow conservation"));
    }

    @Test
    void aBlockingStageTooLargeForTheLineModelSaysItHoldsItsSendersNotThatItLoses() {
        var predicted = ScenarioTheory.predict(yaml("""
                duration: 1h
                producers: [{id: src, to: a, arrivals: poisson(5/s)}]
                channels:
                  - {id: a, type: stage, capacity: 10}
                  - {id: b, type: stage, capacity: 300}
                consumers:
                  - {id: fast, from: a, service: exponential(100ms), emits: [{to: b}]}
                  - {id: slow, from: b, service: exponential(150ms)}
                """));
        for (String id : new String[] {"b", "slow"}) {
            var p = predicted.get(id).toMap();
            assertThat(p.get("exact")).isEqualTo(false);
            @SuppressWarnings("unchecked")
            java.util.List<String> caveats = (java.util.List<String>) p.get("caveats");
            assertThat(caveats).as(id).contains(StageTheory.FALLBACK_HELD);
            assertThat(caveats).as(id).noneMatch(c -> c.contains("lost when it is full"));
            assertThat((String) p.get("reason")).as(id).contains("a full stage makes its sender hold the event")
                    .doesNotContain("its producer");
        }
        assertThat((String) predicted.get("b").toMap().get("line")).contains("blocking: M/M/c/(K+1)");
    }

    @Test
    void aStageFedByAWindowSaysItsArrivalsComeInBurstsAndIsCappedByWhatABurstCanEnter() {
        // 100 keys at 1/s each, tumbling(10 s): every close hands ~100 aggregates to the stage at once; the
        // stage (1 worker, room for 5) takes at most 6 of them, the window cannot be held, the rest are turned away
        String scenario = """
                seed: 2
                duration: 10m
                producers: [{id: c, to: w, arrivals: poisson(100/s), keys: uniform(100)}]
                channels:
                  - {id: w, type: window, window: tumbling(10s), to: st}
                  - {id: st, type: stage, capacity: 5}
                consumers:
                  - {id: sink, from: st, service: exponential(50ms)}
                """;
        var predicted = ScenarioTheory.predict(yaml(scenario));
        double burst = 100 * -Math.expm1(-10.0); // keys with an event in the window
        for (String id : new String[] {"st", "sink"}) {
            var p = predicted.get(id).toMap();
            assertThat(p.get("exact")).as(id).isEqualTo(false);
            assertThat((double) p.get("burstSize")).as(id).isCloseTo(burst, within(1e-6));
            assertThat((double) p.get("burstThroughputAtMost")).as(id).isCloseTo(0.6, within(1e-12)); // min(B, 6)/10 s
            assertThat((double) p.get("throughput")).as(id).isCloseTo(0.6, within(1e-12));   // was 10/s
            // burst model: 1 starts, waiting position j waits j × 50 ms: Wq = 0.05 · (1 + … + 5) / 6 = 0.125 s
            assertThat((double) p.get("W")).as(id).isCloseTo(0.175, within(1e-12));
            assertThat((double) p.get("lossProbability")).as(id).isCloseTo(1 - 0.6 / (burst / 10), within(1e-9));
            assertThat((java.util.List<?>) p.get("caveats")).as(id)
                    .anySatisfy(x -> assertThat((String) x).contains("burst model"))
                    .noneSatisfy(x -> assertThat((String) x).contains("held by their worker"));
            assertThat((String) p.get("reason")).as(id).contains("simultaneous bursts").doesNotContain("nothing is lost");
        }
        Model m = new Model(yaml(scenario));
        m.runToEnd();
        ElementResult st = result(m, "st");
        assertThat(st.get("throughput")).isLessThanOrEqualTo(0.6 + 1e-9).isGreaterThan(0.5); // the bound, nearly reached
        assertThat(st.get("W")).isCloseTo(0.175, within(0.175 * 0.15));
        assertThat(st.get("rejected")).isGreaterThan(1000.0);
    }

    @Test
    void aStageTooSlowToDrainBetweenBurstsKeepsItsChainLabelledOptimistic() {
        // 2 s service: the 6 places of a burst take 12 s to drain, longer than the 10 s between bursts
        var p = ScenarioTheory.predict(yaml("""
                duration: 10m
                producers: [{id: c, to: w, arrivals: poisson(100/s), keys: uniform(100)}]
                channels:
                  - {id: w, type: window, window: tumbling(10s), to: st}
                  - {id: st, type: stage, capacity: 5}
                consumers:
                  - {id: sink, from: st, service: exponential(2s)}
                """)).get("st").toMap();
        assertThat((String) p.get("model")).doesNotStartWith("bursts");
        assertThat((double) p.get("burstThroughputAtMost")).isCloseTo(0.6, within(1e-12));
        assertThat((double) p.get("throughput")).isLessThanOrEqualTo(0.6);
        assertThat((java.util.List<?>) p.get("caveats"))
                .anySatisfy(x -> assertThat((String) x).contains("optimistic").contains("simultaneous bursts"));
    }

    @Test
    void theProducerSaysWhichBlockingFigureIsTheTimeHeldAndWhichTheShareThatFindsTheStageFull() {
        // stages/backpressure's line: the head's figures are one chain's, and the producer names them apart
        var predicted = ScenarioTheory.predict(yaml("""
                duration: 1h
                producers: [{id: src, to: a, arrivals: poisson(10/s)}]
                channels: [{id: a, type: stage, capacity: 20}, {id: b, type: stage, capacity: 10}]
                consumers:
                  - {id: ga, from: a, instances: 2, service: exponential(50ms), emits: [{to: b}]}
                  - {id: gb, from: b, service: exponential(120ms)}
                """));
        var a = predicted.get("a").toMap();
        var src = predicted.get("src").toMap();
        double f = (double) a.get("blockedFraction");
        double q = (double) a.get("blockProbability");
        assertThat((double) src.get("blockedFraction")).isEqualTo(f);
        assertThat((double) src.get("blockProbability")).isEqualTo(q);
        assertThat(f).isCloseTo(1 - (1 / 0.12) / 10, within(1e-9)); // the held fraction that passes the bound
        // one chain: the share of produced events that find it full is P(K)/(1 − P(K+1)), close to f here, not 1e-5
        assertThat(q).isBetween(f * 0.9, f * 1.1);
        assertThat((String) src.get("reason")).contains("blockedFraction is the fraction of the time it is held")
                .contains("blockProbability the probability that an event it produces finds the stage full")
                .doesNotContain("a fraction P(K+1) of the time");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFeedbackLoopOfBlockingStagesIsPredictedAsNoModelAndRuns() {
        // a's handler emits back into a (gain 0.5); before, the line model's recursion through the loop never ended
        String self = """
                duration: 1m
                producers: [{id: c, to: a, arrivals: poisson(5/s)}]
                channels: [{id: a, type: stage, capacity: 2}]
                consumers: [{id: ga, from: a, service: exponential(100ms), emits: [{to: a, probability: 0.5}]}]
                """;
        var p = ScenarioTheory.predict(yaml(self));
        var a = p.get("a").toMap();
        assertThat(a.get("exact")).isEqualTo(false);
        assertThat((java.util.List<?>) a.get("caveats"))
                .anySatisfy(c -> assertThat((String) c).startsWith("no model applies").contains("a → a"));
        assertThat((String) a.get("line")).contains("feedback loop").contains("a → a");
        assertThat((java.util.List<?>) p.get("ga").toMap().get("caveats"))
                .anySatisfy(c -> assertThat((String) c).startsWith("no model applies"));
        // the network still counts the loop's gain: a is offered 5/s plus half of what it passes
        assertThat((double) a.get("lambda")).isCloseTo(5 + 0.5 * (double) a.get("throughput"), within(1e-6));
        Model m = new Model(yaml(self));
        m.runToEnd();
        assertThat(result(m, "a").get("throughput")).isGreaterThan(0.0);

        // two stages feeding each other, no waiting room: the workers can hold each other for good; an
        // upstream stage that reaches the loop is outside the line model too
        String cycle = """
                duration: 1m
                producers: [{id: c, to: u, arrivals: poisson(5/s)}]
                channels: [{id: u, type: stage, capacity: 3}, {id: a, type: stage, capacity: 0}, {id: b, type: stage, capacity: 0}]
                consumers: [{id: gu, from: u, service: exponential(10ms), emits: [{to: a}]},
                  {id: ga, from: a, service: exponential(100ms), emits: [{to: b, probability: 0.9}]},
                  {id: gb, from: b, service: exponential(100ms), emits: [{to: a, probability: 0.9}]}]
                """;
        var q = ScenarioTheory.predict(yaml(cycle));
        assertThat((String) q.get("u").toMap().get("line")).contains("a → b → a");
        assertThat((String) q.get("b").toMap().get("line")).contains("b → a → b");
        Model n = new Model(yaml(cycle));
        n.runToEnd(); // ends at its duration, deadlocked or not
        assertThat(result(n, "c").get("produced")).isGreaterThan(0.0);
    }

    @Test
    void aStageNeedsACapacityAndAKnownWhenFull() {
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("channels[0].capacity")
                .hasMessageContaining("is required for a stage");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage, capacity: 3, when-full: drop}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].when-full").hasMessageContaining("block or shed");
    }
}

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stage's admission control and SEDA's thread pool controller: exact counts worked by hand. */
class StageControlTest {

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * A producer every 0.25 s (first at 0.25, 40 events up to 10 s) into a blocking stage with room
     * for 5 and admission below 2, one worker of 0.9 s. Worked by hand: the first event goes straight
     * into service (0.25 → 1.15), the next two fill the line to 2, and from then on each of the 10
     * completions up to 10.1 s (at 0.25 + 0.9 n) frees one place that the next arrival (0.25 s later
     * at most) takes; so 1 + 2 + 10 = 13 are admitted and 27 turned away, and nobody is ever held back
     * although the stage blocks: the line never reaches its capacity.
     */
    @Test
    void admissionControlTurnsNewcomersAwayBeforeTheStageIsFull() {
        Model m = new Model(yaml("""
                duration: 10.1s
                producers: [{id: src, to: s, arrivals: constant(4/s)}]
                channels: [{id: s, type: stage, capacity: 5, admit-below: 2}]
                consumers: [{id: w, from: s, service: deterministic(900ms)}]
                """));
        m.runToEnd();
        ElementResult s = result(m, "s");
        assertThat(result(m, "src").get("produced")).isEqualTo(40.0);
        assertThat(s.get("arrivalRate") * 10.1).isCloseTo(13.0, within(1e-9));
        assertThat(s.get("admissionRejected")).isEqualTo(27.0);
        assertThat(s.get("rejected")).isEqualTo(0.0);
        assertThat(s.get("lossProbability")).isCloseTo(27.0 / 40, within(1e-12));
        assertThat(s.get("maxQueue")).isEqualTo(2.0);
        assertThat(s.get("throughput") * 10.1).isCloseTo(10.0, within(1e-9));
        assertThat(s.get("backlog")).isEqualTo(3.0);                     // one in service, two waiting
        assertThat(result(m, "src").get("blockedFraction")).isEqualTo(0.0); // it sheds instead of blocking
    }

    @Test
    void aStageWithAdmissionShedsSoTheUpstreamWorkerIsNeverHeld() {
        // the same hand-worked line as StageTest's (producer every 0.5 s, a: 0.25 s, b: 1 s), b admitting
        // below 1 of its room for 1: at x.0 a's worker finds one waiting in b and its event is turned away
        Model m = new Model(yaml("""
                duration: 105.1s
                warmup: 5.1s
                producers: [{id: src, to: a, arrivals: constant(2/s)}]
                channels:
                  - {id: a, type: stage, capacity: 1}
                  - {id: b, type: stage, capacity: 1, admit-below: 1}
                consumers:
                  - {id: fast, from: a, service: deterministic(250ms), emits: [{to: b}]}
                  - {id: slow, from: b, service: deterministic(1s)}
                """));
        m.runToEnd();
        assertThat(result(m, "fast").measured()).doesNotContainKey("held");
        assertThat(result(m, "fast").get("throughput")).isEqualTo(2.0);
        ElementResult b = result(m, "b");
        assertThat(b.get("throughput")).isEqualTo(1.0);
        assertThat(b.get("admissionRejected")).isEqualTo(100.0);
        assertThat(b.get("rejected")).isEqualTo(0.0);
    }

    @Test
    void admissionIsPredictedAsALossSystemAtTheThreshold() {
        var predicted = ScenarioTheory.predict(yaml("""
                duration: 1h
                producers: [{id: src, to: s, arrivals: poisson(10/s)}]
                channels: [{id: s, type: stage, capacity: 50, admit-below: 3}]
                consumers: [{id: w, from: s, instances: 2, service: exponential(150ms)}]
                """));
        Map<String, Object> s = predicted.get("s").toMap();
        assertThat(s.get("model")).isEqualTo("M/M/2/5");
        assertThat(s.get("exact")).isEqualTo(true);
        // by hand (Gross et al. §2.5): a = λ/μ = 1.5, p_n ∝ 1, 1.5, 1.125, 0.84375, 0.6328125, 0.474609375
        double[] w = {1, 1.5, 1.125, 0.84375, 0.6328125, 0.474609375};
        double norm = 0;
        double l = 0;
        for (int n = 0; n < w.length; n++) {
            norm += w[n];
            l += n * w[n];
        }
        assertThat((double) s.get("lossProbability")).isCloseTo(w[5] / norm, within(1e-12));
        assertThat((double) s.get("L")).isCloseTo(l / norm, within(1e-12));
        assertThat((double) s.get("throughput")).isCloseTo(10 * (1 - w[5] / norm), within(1e-12));
    }

    /**
     * A burst of 8 events (every 0.125 s up to 1 s; the producer then stops) into a pooled stage: one
     * thread of 1 s at first, up to 3, grown when more than 1 waits at the samples every 1.1 s, a thread
     * idle for 2 s stops. Worked by hand: thread 0 takes event 1 at 0.125; at 1.1 seven wait, thread 1
     * starts (event 2); thread 0 takes event 3 at 1.125, thread 1 event 4 at 2.1, thread 0 event 5 at
     * 2.125; at 2.2 three wait, thread 2 starts (event 6); events 7 and 8 start at 3.1 and 3.125. Thread
     * 2 goes idle at 3.2, thread 1 at 4.1, thread 0 at 4.125; thread 2 stops at 5.2, thread 1 at 6.1,
     * thread 0 stays (the minimum). Threads over [0, 10]: 1·1.1 + 2·1.1 + 3·3 + 2·0.9 + 1·3.9 = 18.
     */
    @Test
    void thePoolGrowsAtTheSamplesAndShrinksAfterTheIdlePeriod() {
        Model m = new Model(yaml("""
                duration: 10s
                producers: [{id: src, to: s, arrivals: constant(8/s)}]
                channels:
                  - {id: s, type: stage, capacity: 100, pool: {min: 1, max: 3, grow-above: 1, every: 1100ms, idle: 2s}}
                consumers: [{id: w, from: s, instances: 3, service: deterministic(1s)}]
                faults: [{at: 1060ms, rate: src, to: 0/s}]
                """));
        List<double[]> threads = new java.util.ArrayList<>();
        for (double t : new double[] {1.0, 1.15, 2.15, 2.25, 5.1, 5.3, 6.0, 6.2, 9.0}) {
            m.runUntil(t);
            threads.add(new double[] {t, m.snapshot().get("s").get("threads")});
        }
        assertThat(threads.stream().mapToDouble(x -> x[1]).toArray())
                .containsExactly(1, 2, 2, 3, 3, 2, 2, 1, 1);
        m.runToEnd();
        ElementResult s = result(m, "s");
        assertThat(result(m, "src").get("produced")).isEqualTo(8.0);
        assertThat(s.get("throughput") * 10).isCloseTo(8.0, within(1e-9));
        assertThat(s.get("threads")).isCloseTo(1.8, within(1e-12));
        assertThat(s.get("maxThreads")).isEqualTo(3.0);
        assertThat(s.get("grows")).isEqualTo(2.0);
        assertThat(s.get("shrinks")).isEqualTo(2.0);
        // waits: 0, 0.85, 0.75, 1.6, 1.5, 1.45, 2.225, 2.125 (sum 10.5)
        assertThat(s.get("Wq")).isCloseTo(10.5 / 8, within(1e-9));
        assertThat(s.get("W")).isCloseTo(10.5 / 8 + 1, within(1e-9));
    }

    @Test
    void aPooledStageIsPredictedBetweenItsMinAndMaxThreadsAndSaysSo() {
        var predicted = ScenarioTheory.predict(yaml("""
                duration: 1h
                producers: [{id: src, to: s, arrivals: poisson(10/s)}]
                channels: [{id: s, type: stage, capacity: 20, pool: {min: 1, max: 4}}]
                consumers: [{id: w, from: s, instances: 4, service: exponential(150ms)}]
                """));
        Map<String, Object> s = predicted.get("s").toMap();
        assertThat(s.get("exact")).isEqualTo(false);
        assertThat(s.get("model")).isEqualTo("M/M/4/(24+1)");
        assertThat((List<?>) s.get("caveats")).anySatisfy(c -> assertThat((String) c).contains("SEDA's thread pool"));
        @SuppressWarnings("unchecked")
        Map<String, Object> min = (Map<String, Object>) s.get("withMinThreads");
        assertThat(min.get("model")).isEqualTo("M/M/1/(21+1)");
        assertThat((double) min.get("W")).isGreaterThan((double) s.get("W"));
        assertThat((double) s.get("threadsAtLeast")).isCloseTo((double) s.get("throughput") * 0.15, within(1e-12));
    }

    @Test
    void badAdmissionAndPoolKeysAreLocatedErrors() {
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage, capacity: 3, admit-below: 4}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("channels[0].admit-below")
                .hasMessageContaining("0 to the capacity (3)");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage, capacity: 3, pool: {min: 1}}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].pool.max").hasMessageContaining("is required for a pool");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage, capacity: 3, pool: {max: 4, grow: 2}}]
                consumers: [{id: w, from: s, instances: 4, service: exponential(1s)}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].pool.grow").hasMessageContaining("grow-above");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: stage, capacity: 3, pool: {max: 4}}]
                consumers:
                  - {id: w, from: s, instances: 2, service: exponential(1s)}
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml:4:").hasMessageContaining("consumers[0].instances")
                .hasMessageContaining("expected instances: 4");
    }
}

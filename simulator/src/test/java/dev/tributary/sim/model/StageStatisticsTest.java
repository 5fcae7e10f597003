package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Stages against theory: a held-back line and its slowest stage. */
@Tag("statistical")
class StageStatisticsTest {

    /**
     * The bundled three-stage line (10/s offered, enrich at most 1/0.12 = 8.33/s): the held-back line
     * carries what its slowest stage can, and the Poisson producer, paused while held, delivers
     * λ(1 − blocked fraction), so it is held 1 − 8.33/10 = 1/6 of the time.
     */
    @Test
    void theHeldBackLineCarriesWhatItsSlowestStageCan() throws Exception {
        Scenario s = Examples.load("stages/backpressure.yaml");
        Scenario shorter = new Scenario(s.name(), s.description(), s.seed(), 3600, 300, s.sampleInterval(),
                s.producers(), s.channels(), s.consumers(), s.source());
        var predicted = ScenarioTheory.predict(shorter);
        double line = (double) predicted.get("enrich").toMap().get("lineCapacity");
        assertThat(line).isCloseTo(1 / 0.12, within(1e-9));
        var runs = Replicated.replicate(shorter, 10, "requests");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("throughput")), line, "line throughput");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("blockedFraction")), 1 - line / 10,
                "producer blocked fraction");
        assertThat((double) predicted.get("requests").toMap().get("blockedFraction")).isCloseTo(1 - line / 10,
                within(1e-6));
        // parse, upstream of the saturated bottleneck (flow conservation, approximate): its L within 5%
        var parse = Replicated.estimate(Replicated.replicate(shorter, 10, "parse"), r -> r.get("L"));
        assertThat(parse.mean()).isCloseTo((double) predicted.get("parse").toMap().get("L"),
                within(0.05 * parse.mean()));
    }

    /**
     * The bundled admission example: Poisson 10/s into 2 exponential workers of 150 ms, admitted only
     * while fewer than 3 wait. Exactly M/M/2/5 (Gross et al. §2.5): a = 1.5, p_n ∝ 1, a, a²/2, a³/4,
     * a⁴/8, a⁵/16; the share turned away is p_5.
     */
    @Test
    void admissionControlLosesWhatTheLossSystemAtTheThresholdPredicts() throws Exception {
        Scenario s = Examples.load("stages/admission.yaml");
        var predicted = ScenarioTheory.predict(s).get("accept").toMap();
        assertThat(predicted.get("exact")).isEqualTo(true);
        double a = 1.5;
        double[] w = {1, a, a * a / 2, a * a * a / 4, Math.pow(a, 4) / 8, Math.pow(a, 5) / 16};
        double norm = java.util.Arrays.stream(w).sum();
        double loss = w[5] / norm;
        assertThat((double) predicted.get("lossProbability")).isCloseTo(loss, within(1e-12));
        var runs = Replicated.replicate(s, 10, "accept");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("lossProbability")), loss, "share turned away");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("L")), (double) predicted.get("L"), "L");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("W")), (double) predicted.get("W"), "W");
        // every turned-away event is an admission rejection: the queue itself is never full
        assertThat(runs).allSatisfy(r -> assertThat(r.get("rejected")).isEqualTo(0.0));
    }

    /**
     * The bundled SEDA pool (1 to 10 threads, bursts of 20/s): the measured wait lies between the
     * station with all 10 threads and the one with 1, and the pool runs at least throughput · E[S]
     * threads on average (Little's law on the busy ones).
     */
    @Test
    void thePooledStageLiesBetweenItsMinAndMaxThreadStations() throws Exception {
        Scenario s = Examples.load("stages/seda-pool.yaml");
        var predicted = ScenarioTheory.predict(s).get("render").toMap();
        @SuppressWarnings("unchecked")
        double minW = (double) ((java.util.Map<String, Object>) predicted.get("withMinThreads")).get("W");
        var runs = Replicated.replicate(s, 5, "render");
        var w = Replicated.estimate(runs, r -> r.get("W"));
        assertThat(w.mean() - w.halfWidth()).isGreaterThan((double) predicted.get("W"));
        assertThat(w.mean() + w.halfWidth()).isLessThan(minW);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.get("threads")).isGreaterThanOrEqualTo(r.get("throughput") * 0.4);
            assertThat(r.get("threads")).isLessThanOrEqualTo(10.0);
            assertThat(r.get("grows")).isGreaterThan(0.0);
        });
    }
}

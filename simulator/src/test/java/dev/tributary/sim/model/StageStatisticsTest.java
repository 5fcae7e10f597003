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
    }

}

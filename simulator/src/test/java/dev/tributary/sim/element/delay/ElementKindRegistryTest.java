package dev.tributary.sim.element.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.ElementKinds;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** A kind written in the test sources runs through the registry's public API alone. */
class ElementKindRegistryTest {

    private static final String YAML = """
            duration: 100s
            producers: [{id: p, to: hold, arrivals: constant(1/s)}]
            channels: [{id: hold, type: delay, delay: 2.5s}]
            consumers: [{id: c, from: hold, service: deterministic(400ms)}]
            """;

    @Test
    void aTestOnlyKindIsBoundBuiltRunAndPredicted() throws Exception {
        ElementKinds kinds = ElementKinds.standard().with(new DelayKind());
        Scenario s = ScenarioReader.parse(YAML, "delay.yaml", kinds);
        Model m = new Model(s);
        m.runToEnd();
        ElementResult c = m.results().stream().filter(r -> r.id().equals("c")).findFirst().orElseThrow();
        // arrivals at 1, 2, …, 100; each reaches the worker 2.5 s later and takes 0.4 s:
        // the last to finish by t = 100 arrived at 97 (97 + 2.9 = 99.9), so 97 are done
        assertThat(c.get("throughput") * 100).isCloseTo(97, within(1e-9));
        assertThat(c.get("W")).isCloseTo(0.4, within(1e-12));
        assertThat(c.get("endToEnd.mean")).isCloseTo(2.9, within(1e-9));
        assertThat(ScenarioTheory.predict(s).get("hold").toMap()).containsEntry("model", "fixed delay");
        assertThat(ScenarioTheory.predict(s).get("c").prediction().model()).isEqualTo("D/D/1");
    }

    @Test
    void theStandardRegistryDoesNotKnowIt() {
        assertThatThrownBy(() -> ScenarioReader.parse(YAML, "delay.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("delay.yaml:3:")
                .hasMessageContaining("expected one of queue, topic, stream, router, stage, window, event-store; got 'delay'");
    }

    @Test
    void aWordCanBeRegisteredOnce() {
        assertThatThrownBy(() -> ElementKinds.standard().with(new DelayKind()).with(new DelayKind()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    }
}

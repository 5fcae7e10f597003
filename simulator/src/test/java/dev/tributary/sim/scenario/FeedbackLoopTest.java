package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.theory.ElementPrediction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Feedback loops through emits: solved without blowing up, and refused when their gain is 1 or more. */
class FeedbackLoopTest {

    static String loop(double back, double viaRouter) {
        return loop(back, viaRouter, "200ms");
    }

    static String loop(double back, double viaRouter, String service) {
        return """
                name: loop
                duration: 1h
                producers:
                  - {id: p, to: q, arrivals: poisson(1/s), keys: uniform(100)}
                channels:
                  - {id: q, type: queue}
                  - {id: r, type: router, routes: [{probability: 0.5, to: q}], default: out}
                  - {id: out, type: queue}
                consumers:
                  - {id: g, from: q, instances: 4, service: exponential(%s),
                     emits: [{to: q, probability: %s}, {to: r, probability: %s}]}
                  - {id: h, from: out, service: exponential(200ms)}
                """.formatted(service, back, viaRouter);
    }

    @Test
    @Timeout(20)
    void twoReEmittingEmitsOnOneGroupAreSolvedQuickly() throws Exception {
        // gain 0.3 + 0.5·0.5 = 0.55: λ = 1/(1 − 0.55) into q; the parts of the flows are merged each pass,
        // so the traffic equations stay small however many passes the loop takes
        Map<String, ElementPrediction> m = ScenarioTheory.predict(ScenarioReader.parse(loop(0.3, 0.5), "loop.yaml"));
        assertThat(m.get("q").prediction().lambda()).isCloseTo(1 / 0.45, org.assertj.core.api.Assertions.within(1e-9));
        // the two emits copy each event: arrivals back at q come in dependent pairs, so not Jackson, not exact
        assertThat(m.get("q").prediction().exact()).isFalse();
        assertThat(m.get("g").toMap().get("notes").toString()).contains("0.550");
        // a near-critical loop (gain 0.99) still settles, at λ = 1/(1 − 0.99)
        Map<String, ElementPrediction> slow = ScenarioTheory.predict(ScenarioReader.parse(loop(0.74, 0.5, "1ms"),
                "loop.yaml"));
        assertThat(slow.get("q").prediction().lambda()).isCloseTo(100, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    @Timeout(20)
    void aLoopThatRepublishesOneEventOrMorePerEventIsRefused() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse(loop(0.9, 0.5), "loop.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("loop.yaml:11:").contains("consumers[g].emits[0]")
                .contains("consumers[g].emits[1]").contains("re-publishes 1.15 events per handled event");
        // through a topic read by two groups: each copy re-published with 0.6 makes 1.2
        ScenarioException t = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: t, arrivals: poisson(1/s)}]
                channels: [{id: t, type: topic}]
                consumers:
                  - {id: a, from: t, service: exponential(10ms), emits: [{to: t, probability: 0.6}]}
                  - {id: b, from: t, service: exponential(10ms), emits: [{to: t, probability: 0.6}]}
                """, "topic.yaml"));
        assertThat(t).isNotNull();
        assertThat(t.getMessage()).contains("1.20 events");
    }
}

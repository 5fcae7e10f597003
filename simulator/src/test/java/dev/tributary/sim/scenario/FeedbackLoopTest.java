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

    static String cycle(double ab, double ba) {
        return """
                duration: 1m
                producers: [{id: c, to: a, arrivals: poisson(1/s)}]
                channels: [{id: a, type: queue}, {id: b, type: queue}]
                consumers:
                  - {id: ga, from: a, service: exponential(100ms), emits: [{to: b, probability: %s}]}
                  - {id: gb, from: b, service: exponential(100ms), emits: [{to: a, probability: %s}]}
                """.formatted(ab, ba);
    }

    @Test
    @Timeout(20)
    void aCyclesGainIsTheProductOfItsProbabilitiesNotTheLargest() throws Exception {
        // a → b with 1, b → a with 0.1: 0.1 comes back per handled event; λa = 1/(1 − 0.1)
        Map<String, ElementPrediction> m = ScenarioTheory.predict(ScenarioReader.parse(cycle(1, 0.1), "c.yaml"));
        assertThat(m.get("a").prediction().lambda()).isCloseTo(1 / 0.9, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(m.get("ga").toMap().get("notes").toString()).contains("re-published 0.100 times");
        Map<String, ElementPrediction> h = ScenarioTheory.predict(ScenarioReader.parse(cycle(0.9, 0.5), "c.yaml"));
        assertThat(h.get("a").prediction().lambda()).isCloseTo(1 / 0.55, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(h.get("gb").toMap().get("notes").toString()).contains("re-published 0.450 times");
        // three hops 1 · 1 · 0.5
        Map<String, ElementPrediction> three = ScenarioTheory.predict(ScenarioReader.parse("""
                producers: [{id: p, to: a, arrivals: poisson(1/s)}]
                channels: [{id: a, type: queue}, {id: b, type: queue}, {id: c, type: queue}]
                consumers:
                  - {id: ga, from: a, service: exponential(10ms), emits: [{to: b}]}
                  - {id: gb, from: b, service: exponential(10ms), emits: [{to: c}]}
                  - {id: gc, from: c, service: exponential(10ms), emits: [{to: a, probability: 0.5}]}
                """, "three.yaml"));
        assertThat(three.get("c").prediction().lambda()).isCloseTo(2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(three.get("ga").toMap().get("notes").toString()).contains("re-published 0.500 times");
        // and a cycle whose product is 1 is refused at both emits
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse(cycle(1, 1), "c.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("consumers[ga].emits[0]").contains("consumers[gb].emits[0]")
                .contains("re-publishes 1.00 events per handled event");
    }

    @Test
    @Timeout(20)
    void repliesCountInTheLoopGain() throws Exception {
        // two commands replying to each other: every handled command makes another, gain 1
        ScenarioException two = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: client, to: a, arrivals: poisson(2/s)}]
                channels:
                  - {id: a, type: command, reply-to: b}
                  - {id: b, type: command, reply-to: a, reply-timeout: 10s}
                consumers:
                  - {id: ha, from: a, service: exponential(250ms)}
                  - {id: hb, from: b, service: exponential(250ms)}
                """, "two.yaml"));
        assertThat(two).isNotNull();
        assertThat(two.getMessage()).contains("two.yaml:3:").contains("channels[0].reply-to")
                .contains("two.yaml:4:").contains("channels[1].reply-to").contains("feedback loop (ha → b, hb → a)");
        // replies through a router that routes them all back, or through a topic whose group emits back
        ScenarioException router = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: c, to: a, arrivals: poisson(2/s)}]
                channels: [{id: a, type: command, reply-to: r}, {id: r, type: router, routes: [{probability: 1, to: a}]}]
                consumers: [{id: h, from: a, service: exponential(100ms)}]
                """, "router.yaml"));
        assertThat(router).isNotNull();
        assertThat(router.getMessage()).contains("router.yaml:2:").contains("reply-to");
        ScenarioException topic = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: c, to: a, arrivals: poisson(2/s)}]
                channels: [{id: a, type: command, reply-to: t}, {id: t, type: topic}]
                consumers:
                  - {id: h, from: a, service: exponential(100ms)}
                  - {id: g, from: t, service: exponential(100ms), emits: [{to: a}]}
                """, "topic.yaml"));
        assertThat(topic).isNotNull();
        assertThat(topic.getMessage()).contains("channels[0].reply-to").contains("consumers[g].emits[0]");
        // half the replies routed back: gain 0.5, solved by the traffic equations at λ = 2/(1 − 0.5)
        Map<String, ElementPrediction> half = ScenarioTheory.predict(ScenarioReader.parse("""
                producers: [{id: c, to: a, arrivals: poisson(2/s)}]
                channels:
                  - {id: a, type: command, reply-to: r}
                  - {id: r, type: router, routes: [{probability: 0.5, to: a}], default: out}
                  - {id: out, type: queue}
                consumers:
                  - {id: h, from: a, service: exponential(100ms)}
                  - {id: o, from: out, service: exponential(100ms)}
                """, "half.yaml"));
        assertThat(half.get("a").prediction().lambda()).isCloseTo(4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(half.get("h").toMap().get("notes").toString()).contains("re-published 0.500 times");
    }
}

package dev.tributary.sim.element.window;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.ScenarioReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A window's sum rule: events carry amounts from their producer, through the channels, to the window. */
class WindowSumTest {

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * One payment a second (t = 1, 2, …) of 300 each, through a queue, a worker that takes 0.5 s and a
     * router to the window: tumbling windows of 10 s alert when the amounts reach 1000, i.e. on the
     * fourth payment of each window (300 × 4 = 1200): the ones made at 4, 13, 23 and 33 s (the window
     * [0, 10) starts with the payment made at 1 s). Each alert is 0.5 s after its payment was made.
     */
    @Test
    void theSumRuleFiresOnTheEventWhoseAmountCrossesTheThreshold() {
        Model m = new Model(yaml("""
                duration: 35s
                producers: [{id: p, to: q, arrivals: constant(1/s), amount: deterministic(300), types: {payment: 1}}]
                channels:
                  - {id: q, type: queue}
                  - {id: r, type: router, routes: [{type: payment, to: w}], default: other}
                  - {id: other, type: queue}
                  - {id: w, type: window, window: tumbling(10s), alert: {sum: 1000}, alerts-to: alerts}
                  - {id: alerts, type: queue}
                consumers:
                  - {id: map, from: q, service: deterministic(500ms), emits: [{to: r}]}
                """));
        m.runToEnd();
        ElementResult w = result(m, "w");
        assertThat(w.get("alerts")).isEqualTo(4.0);
        assertThat(w.get("alertLatency.mean")).isCloseTo(0.5, within(1e-9));
        assertThat(result(m, "alerts").get("arrivalRate") * 35).isCloseTo(4, within(1e-9));
    }

    /**
     * The same through a stream of two partitions and a topic, 250 each: the 4th payment of each 10 s
     * window brings the sum to exactly 1000, the threshold (reached counts). Payments made at 1 … 39 s
     * reach the window 0.2 s later, so the four windows up to 40 s alert once each.
     */
    @Test
    void amountsTravelThroughStreamsAndTopics() {
        Model m = new Model(yaml("""
                duration: 40s
                producers: [{id: p, to: s, arrivals: constant(1/s), amount: deterministic(250)}]
                channels:
                  - {id: s, type: stream, partitions: 2}
                  - {id: t, type: topic}
                  - {id: w, type: window, window: tumbling(10s), alert: {sum: 1000}}
                consumers:
                  - {id: relay, from: s, instances: 2, service: deterministic(100ms), emits: [{to: t}]}
                  - {id: fwd, from: t, service: deterministic(100ms), emits: [{to: w}]}
                """));
        m.runToEnd();
        assertThat(result(m, "w").get("alerts")).isEqualTo(4.0);
    }

    /**
     * Poisson payments, no keys, 0.1/s, tumbling windows of 10 s: N ~ Poisson(1) per window. With
     * exponential amounts of mean 1 the sum of n is Erlang(n, 1), so P(sum ≥ 1) = Σ_n e^−1/n! ·
     * P(Poisson(1) ≤ n − 1) = 0.345746 (summed by hand to n = 60), an alert rate of 0.0345746/s; with
     * deterministic amounts of 300 and the rule at 1000 it is P(N ≥ 4) = 0.0189882 per window.
     */
    @Test
    void theAlertRateOfASumRuleIsACompoundPoissonTail() {
        Map<String, Object> exp = ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: w, arrivals: poisson(0.1/s), amount: exponential(1)}]
                channels: [{id: w, type: window, window: tumbling(10s), alert: {sum: 1}}]
                """)).get("w").toMap();
        assertThat((double) exp.get("alertRate")).isCloseTo(0.03457458387231646, within(1e-9));
        assertThat(exp.get("exact")).isEqualTo(true);
        Map<String, Object> det = ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: w, arrivals: poisson(0.1/s), amount: deterministic(300)}]
                channels: [{id: w, type: window, window: tumbling(10s), alert: {sum: 1000}}]
                """)).get("w").toMap();
        assertThat((double) det.get("alertRate")).isCloseTo((1 - Math.exp(-1) * (1 + 1 + 0.5 + 1.0 / 6)) / 10,
                within(1e-12));
        Map<String, Object> uni = ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: w, arrivals: poisson(0.1/s), amount: "uniform(0, 2)"}]
                channels: [{id: w, type: window, window: tumbling(10s), alert: {sum: 1}}]
                """)).get("w").toMap();
        assertThat(uni.get("exact")).isEqualTo(false);
        assertThat(uni.get("caveats").toString()).contains("Gamma");
    }

    static ScenarioException.Problem problem(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(yaml, "w.yaml"));
        assertThat(e).as("expected a problem").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void aSumRuleFedByEventsWithoutAmountsIsALocatedError() {
        ScenarioException.Problem p = problem("""
                producers:
                  - {id: cards, to: q, arrivals: poisson(1/s), amount: exponential(50)}
                  - {id: refunds, to: q, arrivals: poisson(1/s)}
                channels:
                  - {id: q, type: queue}
                  - {id: w, type: window, window: tumbling(1m), alert: {sum: 1000}}
                consumers: [{id: c, from: q, service: exponential(10ms), emits: [{to: w}]}]
                """);
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.key()).contains("alert");
        assertThat(p.message()).contains("'refunds'").contains("amount").doesNotContain("'cards'");
    }

    /** A window's alerts are new events without amounts: a sum rule fed only by them is refused. */
    @Test
    void aSumRuleFedByAnotherWindowsAlertsIsALocatedError() {
        ScenarioException.Problem p = problem("""
                producers: [{id: cards, to: a, arrivals: poisson(1/s), amount: exponential(50)}]
                channels:
                  - {id: a, type: window, window: tumbling(1m), alert: {count: 3}, alerts-to: b}
                  - {id: b, type: window, window: tumbling(10m), alert: {sum: 1000}}
                """);
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.key()).contains("alert");
        assertThat(p.message()).contains("no producer's events reach 'b'");
    }

    @Test
    void badAmountsAndSumsAreLocatedErrors() {
        ScenarioException.Problem unit = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s), amount: exponential(5s)}]
                channels: [{id: w, type: window, window: tumbling(1m), alert: {sum: 10}}]
                """);
        assertThat(unit.line()).isEqualTo(1);
        assertThat(unit.key()).contains("amount");
        assertThat(unit.message()).contains("no time unit").contains("exponential(5s)");
        ScenarioException.Problem law = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s), amount: gaussian(5)}]
                channels: [{id: w, type: window, window: tumbling(1m), alert: {sum: 10}}]
                """);
        assertThat(law.key()).contains("amount");
        assertThat(law.message()).contains("amount law").contains("unknown distribution 'gaussian'");
        ScenarioException.Problem negative = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s), amount: exponential(5)}]
                channels: [{id: w, type: window, window: tumbling(1m), alert: {sum: -3}}]
                """);
        assertThat(negative.line()).isEqualTo(2);
        assertThat(negative.key()).contains("sum");
        assertThat(negative.message()).contains("above 0");
        ScenarioException.Problem both = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s), amount: exponential(5)}]
                channels: [{id: w, type: window, window: tumbling(1m), alert: {sum: 3, count: 2}}]
                """);
        assertThat(both.message()).contains("exactly one of 'count', 'rate' or 'sum'");
    }

    @Test
    void anUnknownFilterTypeIsALocatedError() {
        ScenarioException.Problem p = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s), types: {payment: 0.9, refund: 0.1}}]
                channels:
                  - {id: w, type: window, window: tumbling(1m), filter: paymnet, alert: {count: 5}}
                """);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(1);
        assertThat(p.key()).contains("filter");
        assertThat(p.message()).contains("'paymnet'").contains("did you mean 'payment'");
    }
}

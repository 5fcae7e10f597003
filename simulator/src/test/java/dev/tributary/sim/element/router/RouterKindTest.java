package dev.tributary.sim.element.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** How a router's rules are checked against the rest of the scenario. */
class RouterKindTest {

    /** A type rule naming a type nothing makes would never match: refused at that rule's type, with a suggestion. */
    @Test
    void aTypeRuleOnATypeNothingMakesIsALocatedError() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: r, arrivals: poisson(2/s), types: {order: 0.9, refund: 0.1}}]
                channels:
                  - id: r
                    type: router
                    routes:
                      - {type: order, to: orders}
                      - {type: refnd, to: refunds}
                  - {id: orders, type: queue}
                  - {id: refunds, type: queue}
                consumers:
                  - {id: a, from: orders, service: exponential(100ms)}
                  - {id: b, from: refunds, service: exponential(100ms)}
                """, "routes.yaml"));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).contains("routes.yaml:7:16: channels[0].routes[1].type: no producer, emit or"
                + " channel makes events of type 'refnd'").contains("refund");
    }

    /** Types that a producer or an emit makes are accepted. */
    @Test
    void typeRulesOnMadeTypesAreAccepted() throws Exception {
        ScenarioReader.parse("""
                producers: [{id: p, to: q, arrivals: poisson(2/s), types: {order: 1}}]
                channels:
                  - {id: q, type: queue}
                  - id: r
                    type: router
                    routes: [{type: shipped, to: out}, {type: order, to: out}]
                  - {id: out, type: queue}
                consumers:
                  - {id: w, from: q, service: exponential(100ms), emits: [{to: r, type: shipped}]}
                  - {id: s, from: out, service: exponential(100ms)}
                """, "ok.yaml");
    }
}

package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.theory.MMc;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A command channel's replies against the traffic equations: the handled rate thinned by the sojourn tail. */
@Tag("statistical")
class CommandStatisticsTest {

    /**
     * 3 commands/s to an M/M/2 handler of mean 0.4 s with a 1 s reply timeout: replies reach the reply
     * queue at 3·P(T ≤ 1 s) = 3·(1 − 0.20190) = 2.3943/s (FIFO M/M/c sojourn tail, Gross et al.
     * §2.3.1); the replication intervals of the measured rate must contain it.
     */
    @Test
    void theReplyRateIsTheHandledRateWithinTheTimeout() {
        Scenario s = yaml("""
                duration: 40m
                warmup: 5m
                producers: [{id: checkout, to: pay, arrivals: poisson(3/s)}]
                channels:
                  - {id: pay, type: command, reply-to: replies, reply-timeout: 1s}
                  - {id: replies, type: queue}
                consumers:
                  - {id: payment, from: pay, instances: 2, service: exponential(400ms)}
                  - {id: requester, from: replies, service: exponential(5ms)}
                """);
        double predicted = ScenarioTheory.predict(s).get("requester").prediction().lambda();
        assertThat(predicted).isCloseTo(3 * (1 - MMc.sojournTail(2, 3, 2.5, 1)), within(1e-9));
        assertThat(predicted).isCloseTo(2.3943, within(1e-4));
        var runs = Replicated.replicate(s, 10, "requester");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("throughput")), predicted, "reply rate");
    }
}

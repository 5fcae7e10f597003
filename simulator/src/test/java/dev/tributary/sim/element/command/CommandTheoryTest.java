package dev.tributary.sim.element.command;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.theory.ElementPrediction;
import dev.tributary.sim.theory.MMc;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command channel's replies in the traffic equations: one per handled command, less those past the timeout. */
class CommandTheoryTest {

    static Map<String, ElementPrediction> predict(String replyTimeout) {
        return ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: reserve, arrivals: poisson(1/s)}]
                channels:
                  - {id: reserve, type: command, reply-to: replies%s}
                  - {id: replies, type: queue}
                consumers:
                  - {id: inventory, from: reserve, service: exponential(500ms)}
                  - {id: requester, from: replies, service: exponential(100ms)}
                """.formatted(replyTimeout)));
    }

    /** No timeout: every handled command is replied; an M/M/1 handler's departures are Poisson (Burke), so exact. */
    @Test
    void withoutATimeoutEveryCommandIsRepliedAndTheReplyQueueIsExact() {
        var p = predict("").get("requester").prediction();
        assertThat(p.lambda()).isCloseTo(1.0, within(1e-12));
        assertThat(p.model()).isEqualTo("M/M/1");
        assertThat(p.exact()).isTrue();
        assertThat(p.W()).isCloseTo(1 / (10.0 - 1), within(1e-12));
    }

    /**
     * λ = 1/s, μ = 2/s, timeout 1 s: an M/M/1 sojourn is exponential with rate μ − λ = 1/s, so a
     * share 1 − e^(−1) = 0.63212 of the replies arrive in time. The reply flow is thinned by the
     * handler's own sojourn times, not known to be Poisson: the reply queue is labelled approximate.
     */
    @Test
    void aTimeoutKeepsTheRepliesWithinItBySojournTail() {
        var all = predict(", reply-timeout: 1s");
        var p = all.get("requester").prediction();
        assertThat(p.lambda()).isCloseTo(1 - Math.exp(-1), within(1e-9));
        assertThat(p.exact()).isFalse();
        assertThat(all.get("inventory").extra().get("notes").toString()).contains("publishes to replies only what it"
                + " handles within 1s").contains("0.6321").contains("exact");
        // M/M/2 as in the lesson: λ = 3/s, μ = 2.5/s, timeout 1 s, by Gross et al.'s closed form
        assertThat(1 - MMc.sojournTail(2, 3, 2.5, 1)).isCloseTo(0.7981, within(1e-4));
    }
}

package dev.tributary.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import org.junit.jupiter.api.Test;

/** Where the elements go, without a window. */
class LayoutTest {

    @Test
    void aGroupsDeadLetterQueueIsDrawnDownstreamOfItOnADeadLetterEdge() throws Exception {
        Layout l = Layout.of(Examples.load("failures/outage-breaker"));
        assertThat(l.edges()).contains(new Layout.Edge("guarded", "payments-dlq", true),
                new Layout.Edge("naive", "payments-dlq", true), new Layout.Edge("orders-a", "guarded", false));
        assertThat(l.nodes().get("payments-dlq").column()).isGreaterThan(l.nodes().get("guarded").column());
        assertThat(l.nodes().get("operator").column()).isGreaterThan(l.nodes().get("payments-dlq").column());
    }

    @Test
    void windowsAndStoresAreLaidOutByTheirShapes() throws Exception {
        assertThat(Layout.of(Examples.load("streaming/fraud-window")).nodes().get("card-velocity").kind())
                .isEqualTo("window");
        assertThat(Layout.of(Examples.load("event-sourcing/cqrs")).nodes().get("orders").kind()).isEqualTo("store");
    }
}

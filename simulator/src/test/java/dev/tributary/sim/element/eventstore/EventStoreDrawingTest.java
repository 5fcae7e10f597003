package dev.tributary.sim.element.eventstore;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an event store tells the app to draw ({@link Drawing.Shape#STORE}): appends, snapshots and each
 * projection's staleness. One aggregate, an event a second; writes take 0.1, 0.3, 0.5 s in turn (see
 * {@code EventStoreTest}); the projection takes 0.2 s, so event 1 commits at 1.1 and is visible at 1.3.
 */
class EventStoreDrawingTest {

    private static Map<String, Double> stateAt(double t) {
        Scenario s = yaml("""
                duration: 30s
                producers: [{id: p, to: store, arrivals: constant(1/s)}]
                channels: [{id: store, type: event-store, append: 100ms, replay: 200ms, snapshot-every: 3}]
                consumers: [{id: view, from: store, service: deterministic(200ms)}]
                """);
        assertThat(s.channel("store").orElseThrow().drawing().shape()).isEqualTo(Drawing.Shape.STORE);
        Model m = new Model(s);
        m.runUntil(t);
        return m.snapshot().get("store");
    }

    @Test
    void aProjectionBehindItsStoreReportsTheCommitTimeOfWhatItDoesNotShowYet() {
        Map<String, Double> st = stateAt(1.2);
        assertThat(st).containsEntry("appended", 1.0).containsEntry("staleness.view.since", 1.1)
                .doesNotContainKey("staleness.view.mean"); // nothing visible yet
    }

    @Test
    void aCaughtUpProjectionReportsOnlyItsMeanStaleness() {
        Map<String, Double> st = stateAt(1.35);
        assertThat(st).doesNotContainKey("staleness.view.since");
        assertThat(st.get("staleness.view.mean")).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void snapshotsAndReplaysAreCounted() {
        // events 1, 2, 3 commit at 1.1, 2.3, 3.5: the third is followed by a snapshot; replayed 0 + 1 + 2
        Map<String, Double> st = stateAt(3.6);
        assertThat(st).containsEntry("appended", 3.0).containsEntry("snapshots", 1.0).containsEntry("replayed", 3.0);
    }
}

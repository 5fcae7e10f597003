package dev.tributary.sim.element.eventstore;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** The event store: replay since the last snapshot, snapshots, and projections' staleness, counted by hand. */
class EventStoreTest {

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * One aggregate, an event a second (t = 1, 2, …). Event v (from 0) replays v mod 3 events since the
     * snapshot: writes take 0.1, 0.3, 0.5 s in turn (0.1 s append + 0.2 s per replayed event), so no
     * write waits. By 30.2 s, 30 writes started (replaying 10 × (0 + 1 + 2) = 30 events) and 29 committed
     * (the 30th ends at 30.5); snapshots after the 3rd, 6th, …, 27th. The projection takes 0.2 s and
     * commits are at least 0.6 s apart: every event is visible 0.2 s after its commit.
     */
    @Test
    void writesReplayTheEventsSinceTheSnapshotAndProjectionsLagByTheirSojourn() {
        Model m = new Model(yaml("""
                duration: 30.2s
                producers: [{id: p, to: store, arrivals: constant(1/s)}]
                channels: [{id: store, type: event-store, append: 100ms, replay: 200ms, snapshot-every: 3}]
                consumers: [{id: view, from: store, service: deterministic(200ms)}]
                """));
        m.runToEnd();
        ElementResult store = result(m, "store");
        assertThat(store.get("throughput") * 30.2).isCloseTo(29, within(1e-9));
        assertThat(store.get("replayed")).isEqualTo(30.0);
        assertThat(store.get("snapshots")).isEqualTo(9.0);
        assertThat(store.get("W")).isCloseTo(8.5 / 29, within(1e-12)); // 9 × (0.1 + 0.3 + 0.5) + 0.1 + 0.3
        assertThat(store.get("staleness.view.mean")).isCloseTo(0.2, within(1e-12));
        ElementResult view = result(m, "view");
        assertThat(view.get("throughput") * 30.2).isCloseTo(29, within(1e-9));
        assertThat(view.get("W")).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void anEventStoreNeedsAnAppendTime() {
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels: [{id: s, type: event-store, snapshot-every: 0}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].append").hasMessageContaining("channels[0].snapshot-every");
    }
}

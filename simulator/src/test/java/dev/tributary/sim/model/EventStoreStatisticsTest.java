package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The event store against theory: the writer as M/G/1, the projections' staleness as their sojourn. */
@Tag("statistical")
class EventStoreStatisticsTest {

    @Test
    @SuppressWarnings("unchecked")
    void writerTimeAndStalenessMatchTheirStations() throws Exception {
        Scenario s = Examples.load("event-sourcing/cqrs.yaml");
        Scenario shorter = new Scenario(s.name(), s.description(), s.seed(), 1200, 120, s.sampleInterval(),
                s.producers(), s.channels(), s.consumers(), s.source());
        var predicted = ScenarioTheory.predict(shorter);
        Map<String, Object> store = predicted.get("orders").toMap();
        var runs = Replicated.replicate(shorter, 10, "orders");
        // the writer: M/G/1 with write time 2 ms + 0.5 ms × J, J uniform on 0..19 (Pollaczek–Khinchine)
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("W")), (double) store.get("W"), "writer W");
        Replicated.assertInside(Replicated.estimate(runs, r -> r.get("replayedPerEvent")), 9.5, "replayed per event");
        // staleness: the projection's sojourn; commits are the writer's departures, less bursty than
        // Poisson, so the M/M/c prediction errs high, by a few percent here
        for (String view : new String[] {"order-summary", "customer-view"}) {
            double p = (double) ((Map<String, Object>) store.get("staleness." + view)).get("mean");
            double measured = Replicated.estimate(runs, r -> r.get("staleness." + view + ".mean")).mean();
            assertThat(measured).as(view).isLessThanOrEqualTo(p * 1.01).isGreaterThan(p * 0.9);
        }
    }
}

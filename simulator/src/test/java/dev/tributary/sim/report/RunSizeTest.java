package dev.tributary.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** The event estimate behind --max-events: never below what a run simulates, and not wildly above it. */
class RunSizeTest {

    @Test
    void theEstimateCoversEveryExampleWithoutRefusingItForNothing() throws Exception {
        for (Examples.Example e : Examples.list()) {
            Scenario s = Examples.load(e.name());
            Model m = new Model(s);
            m.runToEnd();
            double estimate = RunSize.events(s);
            assertThat(estimate).as(e.name()).isGreaterThanOrEqualTo(m.events());
            // routers and shared queues count every target in full, so a few times over is expected; not orders of magnitude
            assertThat(estimate).as(e.name()).isLessThan(10.0 * m.events() + 10_000);
        }
    }

    @Test
    void loopsOfEmitsAreBoundedByTheGroupsCapacity() throws Exception {
        // almost every handled event goes back into the queue: the traffic equations' rate, 1/(1 − 0.99) = 100/s,
        // is far above the capacity of 2/s (a loop re-publishing every event, gain 1, is refused by the binder)
        Scenario loop = ScenarioReader.parse("""
                producers: [{id: p, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, instances: 2, service: exponential(1s), emits: [{to: q, probability: 0.99}]}]
                """, "loop.yaml");
        Model m = new Model(loop);
        m.runToEnd();
        assertThat(RunSize.events(loop)).isGreaterThanOrEqualTo(m.events()).isLessThan(1.2 * (3600 * (1 + 2) + 600) + 1000);
    }

    @Test
    void absurdRatesAndDurationsAreAbsurdEstimates() throws Exception {
        Scenario flood = ScenarioReader.parse("""
                producers: [{id: p, to: q, arrivals: poisson(1e308/s)}]
                channels: [{id: q, type: queue}]
                """, "flood.yaml");
        assertThat(RunSize.events(flood)).isInfinite();
        Scenario forever = ScenarioReader.parse("""
                duration: 1e30h
                producers: [{id: p, to: q, arrivals: 'onoff(1/s, 1s, 1s)'}]
                channels: [{id: q, type: queue}]
                """, "forever.yaml");
        assertThat(RunSize.events(forever)).isGreaterThan(1e30);
        assertThat(RunSize.heldMessages(forever)).isGreaterThan(1e30);
    }

    /**
     * A sliding window counts each event in size/advance windows (and may emit an aggregate from each):
     * 10,000 events/s into sliding(1000s, 1s) for 2 h is 72 M arrivals but 1.4·10^11 window updates.
     */
    @Test
    void aSlidingWindowsOverlapCountsInTheEstimate() throws Exception {
        Scenario sliding = ScenarioReader.parse("""
                duration: 2h
                producers: [{id: c, to: w, arrivals: poisson(10000/s), keys: uniform(100000)}]
                channels: [{id: w, type: window, window: "sliding(1000s, 1s)"}]
                """, "w.yaml");
        assertThat(RunSize.events(sliding)).isGreaterThan(72e6 * 2000);
        Scenario tumbling = ScenarioReader.parse("""
                duration: 2h
                producers: [{id: c, to: w, arrivals: poisson(10000/s), keys: uniform(100000)}]
                channels: [{id: w, type: window, window: tumbling(1s)}]
                """, "w.yaml");
        assertThat(RunSize.events(tumbling)).isBetween(72e6 * 3, 72e6 * 4);
    }
}

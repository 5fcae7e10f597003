package dev.tributary.sim.element.window;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** Windows by event time: exact counts of windows, late and dropped events and alerts on small deterministic cases. */
class WindowTest {

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static Model run(String yaml) {
        Model m = new Model(yaml(yaml));
        m.runToEnd();
        return m;
    }

    /**
     * Events made at t = 1, 2, … (one a second) go through a worker pool that takes 1.5 s each (two
     * workers: nobody waits), so each reaches the window 1.5 s after it was made. Tumbling windows of
     * 10 s: the event made at 10k + 9 arrives at 10k + 10.5, after its window [10k, 10k + 10) ended.
     */
    private static final String DELAYED = """
            duration: 100.2s
            producers: [{id: p, to: q, arrivals: constant(1/s)}]
            channels:
              - {id: q, type: queue}
              - {id: w, type: window, window: tumbling(10s), alert: {count: 10}, alerts-to: alerts, to: aggregates%s}
              - {id: alerts, type: queue}
              - {id: aggregates, type: queue}
            consumers:
              - {id: map, from: q, instances: 2, service: deterministic(1.5s), emits: [{to: w}]}
            """;

    @Test
    void withoutLatenessTheEventsHeldUpPastTheirWindowAreDropped() {
        Model m = run(DELAYED.formatted(""));
        ElementResult w = result(m, "w");
        // arrivals up to 100.2: made at 1..98; those made at 9, 19, …, 89 find their window closed
        assertThat(w.get("dropped")).isEqualTo(9.0);
        assertThat(w.get("late")).isEqualTo(0.0);
        assertThat(w.get("throughput") * 100.2).isCloseTo(89, within(1e-9));
        // windows closed at 10, 20, …, 100: ten aggregates; none reached 10 events (the 10th was dropped)
        assertThat(w.get("windows")).isEqualTo(10.0);
        assertThat(result(m, "aggregates").get("arrivalRate") * 100.2).isCloseTo(10, within(1e-9));
        assertThat(w.get("alerts")).isEqualTo(0.0);
    }

    @Test
    void allowedLatenessCountsThemLateAndTheirAlertsCarryTheDelay() {
        Model m = run(DELAYED.formatted(", lateness: 1s"));
        ElementResult w = result(m, "w");
        assertThat(w.get("dropped")).isEqualTo(0.0);
        assertThat(w.get("late")).isEqualTo(9.0);                 // made at 9, 19, …, 89, in before end + 1 s
        assertThat(w.get("throughput") * 100.2).isCloseTo(98, within(1e-9));
        // windows now close at 11, 21, …, 91: nine aggregates by 100.2
        assertThat(w.get("windows")).isEqualTo(9.0);
        // [10k, 10k + 10) for k = 1..8 hold 10 events; the 10th, late, fires the alert 1.5 s after it was made
        assertThat(w.get("alerts")).isEqualTo(8.0);
        assertThat(w.get("alertLatency.mean")).isCloseTo(1.5, within(1e-12));
        assertThat(result(m, "alerts").get("arrivalRate") * 100.2).isCloseTo(8, within(1e-9));
        // one window open at a time: [10k, 10k + 10) opens at 10k + 1.5 and closes at 10k + 11
        assertThat(w.get("maxOpenWindows")).isEqualTo(1.0);
    }

    @Test
    void slidingWindowsCountEachEventInEveryWindowThatCoversIt() {
        // events at 1..100; windows [5w, 5w + 10) for w = −1, 0, 1, …: those ending by 100.2 end at 5, 10, …, 100
        Model m = run("""
                duration: 100.2s
                producers: [{id: p, to: w, arrivals: constant(1/s)}]
                channels:
                  - {id: w, type: window, window: "sliding(10s, 5s)", alert: {count: 10}}
                """);
        ElementResult w = result(m, "w");
        assertThat(w.get("windows")).isEqualTo(20.0);
        // [5k, 5k + 10) holds 5k..5k+9 for k ≥ 1: ten events, the alert at 5k + 9 ≤ 100.2 for k = 1..18
        assertThat(w.get("alerts")).isEqualTo(18.0);
        assertThat(w.get("alertLatency.mean")).isEqualTo(0.0);
        assertThat(w.get("late")).isEqualTo(0.0);
        assertThat(w.get("maxOpenWindows")).isEqualTo(2.0);      // every instant is covered by two windows
    }

    @Test
    void aSessionClosesAfterTheGapWithoutEvents() {
        // one event a second and a 0.5 s gap: every event is a session of its own, closed at t + 0.5
        Model m = run("""
                duration: 10.2s
                producers: [{id: p, to: w, arrivals: constant(1/s)}]
                channels:
                  - {id: w, type: window, window: session(500ms), alert: {count: 1}}
                """);
        ElementResult w = result(m, "w");
        assertThat(w.get("windows")).isEqualTo(9.0);              // closed at 1.5, …, 9.5
        assertThat(w.get("alerts")).isEqualTo(10.0);              // each first event crosses a count of 1
        // open [t, t + 0.5) for t = 1..9, and [10, 10.2)
        assertThat(w.get("openWindows")).isCloseTo(4.7 / 10.2, within(1e-12));
        Model longGap = run("""
                duration: 10.2s
                producers: [{id: p, to: w, arrivals: constant(1/s)}]
                channels:
                  - {id: w, type: window, window: session(1500ms)}
                """);
        assertThat(result(longGap, "w").get("windows")).isEqualTo(0.0); // one session that never ends
        assertThat(result(longGap, "w").get("maxOpenWindows")).isEqualTo(1.0);
    }

    @Test
    void theFilterLetsOnlyItsTypeIn() {
        Model m = run("""
                duration: 100.2s
                producers: [{id: p, to: w, arrivals: constant(1/s), types: {payment: 0.5, refund: 0.5}}]
                channels:
                  - {id: w, type: window, window: tumbling(10s), filter: payment}
                """);
        ElementResult w = result(m, "w");
        assertThat(w.get("filtered") + w.get("throughput") * 100.2).isCloseTo(100, within(1e-9));
        assertThat(w.get("filtered")).isGreaterThan(20.0).isLessThan(80.0);
    }

    @Test
    void theOutputRateOfSlidingWindowsIsKeysOverAdvanceWhenEveryWindowHasEvents() {
        var p = ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: w, arrivals: poisson(100/s), keys: uniform(10)}]
                channels:
                  - {id: w, type: window, window: "sliding(1m, 10s)", alert: {count: 1}}
                """)).get("w").toMap();
        // each key: 10/s, so a 60 s window is never empty: 10 keys × 1/10 s
        assertThat((double) p.get("outputRate")).isCloseTo(1.0, within(1e-12));
        assertThat((double) p.get("maxOutputRate")).isCloseTo(1.0, within(1e-12));
        assertThat((double) p.get("alertRate")).isCloseTo(1.0, within(1e-12));
        assertThat(p.get("exact")).isEqualTo(true);
        // P(N ≥ 5), N ~ Poisson(0.6): 1 − e^−0.6 (1 + 0.6 + 0.18 + 0.036 + 0.0054)
        assertThat(WindowTheory.poissonAtLeast(0.6, 5)).isCloseTo(1 - Math.exp(-0.6) * 1.8214, within(1e-12));
    }

    @Test
    void stateFollowsTheOpenWindowsNotTheKeySpace() {
        // ten million cards: the state is the windows that have events, not keys × windows
        Model m = run("""
                duration: 10m
                producers: [{id: p, to: w, arrivals: poisson(50/s), keys: uniform(10000000)}]
                channels:
                  - {id: w, type: window, window: "sliding(5m, 1m)", lateness: 30s}
                """);
        assertThat(result(m, "w").get("maxOpenWindows")).isGreaterThan(10_000.0).isLessThan(100_000.0);
    }

    @Test
    void badWindowsAreLocatedErrors() {
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window, window: tumbling(1s), lateness: 7d}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].lateness").hasMessageContaining("10000 windows alive");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window, window: "sliding(1m, 2m)"}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("bad.yaml:2:").hasMessageContaining("channels[0].window")
                .hasMessageContaining("advance must not exceed its size");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window, window: session(1m), alert: {rate: 1/s}}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].alert.rate").hasMessageContaining("no fixed size");
        assertThatThrownBy(() -> ScenarioReader.parse("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window}]
                consumers: [{id: c, from: w, service: exponential(1s)}]
                """, "bad.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("channels[0].window").hasMessageContaining("consumers[0].from");
    }

    /** Events delayed upstream by a group's queue reach the window late: not exact, and the figures err high. */
    @Test
    void aWindowBehindAQueueIsApproximateAndErrsHigh() throws Exception {
        var p = ScenarioTheory.predict(yaml("""
                producers: [{id: p, to: incoming, arrivals: poisson(20/s), keys: uniform(50)}]
                channels:
                  - {id: incoming, type: queue}
                  - {id: w, type: window, window: tumbling(1s), to: out}
                  - {id: out, type: queue}
                consumers:
                  - {id: scorer, from: incoming, service: exponential(45ms), emits: [{to: w}]}
                  - {id: sink, from: out, instances: 4, service: exponential(10ms)}
                """));
        var w = p.get("w").toMap();
        assertThat(w.get("exact")).isEqualTo(false);
        assertThat(w.get("errs")).isEqualTo("high");
        assertThat(w.get("caveats").toString()).contains("0.4500 s upstream");
    }

    /**
     * A tumbling window's aggregates come in batches of the keys with events (here all 100 every
     * minute), which drain long before the next (100 × 0.1 s): the k-th of a batch waits k − 1 services,
     * so W = 0.1 s + 0.1 s × 99 × 100 / (2 × 100) = 5.05 s (the burst model; measured 5.03 ± 0.37 s),
     * where one arrival at a time with the batches' ca² = 99 (Allen–Cunneen) would say 1.1 s.
     */
    @Test
    void aWindowsAggregatesArriveAsBatchesDownstream() throws Exception {
        var p = ScenarioTheory.predict(yaml("""
                producers: [{id: c, to: w, arrivals: poisson(1000/s), keys: uniform(100)}]
                channels:
                  - {id: w, type: window, window: tumbling(1m), to: agg}
                  - {id: agg, type: queue}
                consumers:
                  - {id: sink, from: agg, service: exponential(100ms)}
                """));
        assertThat(p.get("sink").prediction().W()).isCloseTo(5.05, within(1e-9));
        assertThat(p.get("agg").prediction().Wq()).isCloseTo(4.95, within(1e-9));
        assertThat(p.get("agg").prediction().throughput()).isCloseTo(100 / 60.0, within(1e-9));
        // and the station downstream says so itself: approximate (the batch size varies), erring low
        assertThat(p.get("sink").prediction().exact()).isFalse();
        assertThat(p.get("sink").prediction().errs()).isEqualTo("low");
        assertThat(p.get("agg").prediction().errs()).isEqualTo("low");
        assertThat(p.get("sink").prediction().model()).isEqualTo("bursts of 100.0/M/1");
        assertThat(p.get("sink").prediction().caveats().toString()).contains("burst model")
                .contains("one arrival at a time would say W = 1.100 s");
        assertThat(p.get("w").toMap().get("caveats").toString()).contains("ca² = 99.00").contains("errs low");
        // the run agrees: 20 batches of 100; a batch's mean wait has a standard deviation of about 0.58 s
        Model m = run("""
                duration: 21m
                warmup: 1m
                producers: [{id: c, to: w, arrivals: poisson(1000/s), keys: uniform(100)}]
                channels:
                  - {id: w, type: window, window: tumbling(1m), to: agg}
                  - {id: agg, type: queue}
                consumers:
                  - {id: sink, from: agg, service: exponential(100ms)}
                """);
        ElementResult agg = m.results().stream().filter(r -> r.id().equals("agg")).findFirst().orElseThrow();
        assertThat(agg.get("W")).isCloseTo(5.05, within(0.6));
        assertThat(p.get("w").toMap().get("exact")).isEqualTo(true);
    }
}

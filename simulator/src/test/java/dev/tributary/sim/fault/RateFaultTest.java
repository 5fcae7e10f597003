package dev.tributary.sim.fault;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rate:} faults: a producer's rate changes, exactly as counted by hand, and the theory follows it step by step. */
class RateFaultTest {

    private static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * constant(4/s): events at 0.25, 0.5, …, 1.75 (7). At 2 s the rate becomes 2/s (the change runs
     * before the arrival due at 2.0, which it cancels): the next event keeps its spacing from the
     * last, 1.75 + 0.5 = 2.25, then every 0.5 s up to 5.75 (8). At 6 s the producer is back to its
     * own process, next at 6 + 0.25, then every 0.25 s up to 9.75 (15). 30 in all.
     */
    @Test
    void aConstantProducerChangesRateAndComesBack() {
        Model m = new Model(yaml("""
                duration: 9.9s
                producers: [{id: p, to: q, arrivals: constant(4/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(10ms)}]
                faults: [{at: 2s, rate: p, to: 2/s, for: 4s}]
                """));
        List<Double> arrivals = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.Moved mv && mv.from() == 2) {
                arrivals.add(mv.time());
            } else if (e instanceof ModelEvent.FaultChanged f) {
                changes.add(f.time() + " " + f.fault() + " " + f.active());
            }
        });
        m.runToEnd();
        assertThat(result(m, "p").get("produced")).isEqualTo(30);
        assertThat(arrivals).hasSize(30);
        assertThat(arrivals.get(6)).isEqualTo(1.75);
        assertThat(arrivals.get(7)).isEqualTo(2.25);
        assertThat(arrivals.get(14)).isEqualTo(5.75);
        assertThat(arrivals.get(15)).isEqualTo(6.25);
        assertThat(arrivals.get(29)).isEqualTo(9.75);
        assertThat(changes).containsExactly("2.0 rate true", "6.0 rate false");
    }

    /** A Poisson producer at 0/s makes nothing; the count before and after the stop is its own. */
    @Test
    void zeroStopsAProducerUntilTheEnd() {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: poisson(50/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(1ms)}]
                faults: [{at: 40s, rate: p, to: 0/s}]
                """));
        List<Double> arrivals = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.Moved mv && mv.from() == 2) {
                arrivals.add(mv.time());
            }
        });
        m.runToEnd();
        assertThat(arrivals).isNotEmpty().allSatisfy(t -> assertThat(t).isLessThan(40));
        // 50/s for 40 s: 2,000 expected, sd 45
        assertThat(arrivals.size()).isBetween(2000 - 250, 2000 + 250);
    }

    /** A later change wins; when it ends the producer follows its own process (the earlier change does not come back). */
    @Test
    void theLatestChangeDecidesInTheRunAndInTheTheory() {
        Scenario s = yaml("""
                duration: 20s
                producers: [{id: p, to: q, arrivals: constant(4/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(10ms)}]
                faults:
                  - {at: 2s, rate: p, to: 2/s, for: 16s}
                  - {at: 4s, rate: p, to: 1/s, for: 4s}
                """);
        Model m = new Model(s);
        m.runToEnd();
        // [0,2) 4/s: 7 (0.25 … 1.75); [2,4) 2/s: 2.25 … 3.75 (4); [4,8) 1/s: 4.75 … 7.75 (4);
        // [8,20] own 4/s: 8.25 … 20.0 (48, the one at the end included)
        double produced = result(m, "p").get("produced");
        assertThat(produced).isBetween(62.0, 63.0);
        // theory: the window mean of the rates in force, (2·4 + 2·2 + 4·1 + 12·4) / 20 = 3.2/s
        double predicted = ScenarioTheory.reportBlocks(s).get("c").get("throughput") instanceof Number n
                ? n.doubleValue() : Double.NaN;
        assertThat(predicted).isCloseTo(3.2, within(1e-12));
    }

    /** An unknown producer, a missing or bad rate: located errors that say what was expected. */
    @Test
    void mistakesAreLocated() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: checkout, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: exponential(100ms)}]
                faults:
                  - {at: 60s, rate: chekout, to: 30/s}
                  - {at: 60s, rate: checkout}
                  - {at: 60s, rate: checkout, to: fast}
                  - {at: 60s, rate: checkout, to: -3/s}
                  - {at: 60s, rate: c, to: 3/s}
                  - {at: 60s, rate: checkout, to: 3/s, factor: 2}
                """, "rate.yaml"));
        assertThat(e.getMessage())
                .contains("rate.yaml:5:21: faults[0].rate: no producer with id 'chekout' (did you mean 'checkout'?)")
                .contains("rate.yaml:6:5: faults[1].to: is missing; expected the new rate")
                .contains("faults[2].to: expected a rate such as 30/s")
                .contains("faults[3].to: expected a rate")
                .contains("faults[4].rate: no producer with id 'c'")
                .contains("faults[5].factor: only applies to a slow fault");
        assertThat(e.problems()).hasSize(6);
    }
}

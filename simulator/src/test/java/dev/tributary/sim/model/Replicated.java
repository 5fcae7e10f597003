package dev.tributary.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.report.Runner;
import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Test helpers for statistical checks: replicate a scenario, estimate a figure, assert a value lies inside. */
final class Replicated {

    private Replicated() {
    }

    /** One element's results in each of {@code n} replications. */
    static List<ElementResult> replicate(Scenario s, int n, String id) {
        return new Runner().replicate(s, n).stream()
                .map(r -> r.model().results().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow())
                .toList();
    }

    /** The 95% estimate of a figure over the replications. */
    static Estimate estimate(List<ElementResult> runs, ToDoubleFunction<ElementResult> f) {
        return Estimate.of(runs.stream().mapToDouble(f).toArray());
    }

    /** The interval contains {@code expected}, and is narrow enough to mean something: within 10% of it. */
    static void assertInside(Estimate e, double expected, String what) {
        assertThat(e.contains(expected))
                .as("%s: %.5f ± %.5f (n = %d) should contain %.5f", what, e.mean(), e.halfWidth(), e.n(), expected)
                .isTrue();
        assertThat(e.halfWidth()).as(what + " half-width").isLessThan(0.1 * Math.abs(expected));
    }
}

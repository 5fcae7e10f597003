package dev.tributary.sim;

import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;

/** Test helpers: scenarios from inline YAML. */
public final class TestScenarios {

    private TestScenarios() {
    }

    /** Parses YAML text that must be valid. */
    public static Scenario yaml(String text) {
        try {
            return ScenarioReader.parse(text, "test.yaml");
        } catch (ScenarioException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}

package dev.tributary.sim.element.window;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a window tells the app to draw ({@link Drawing.Shape#WINDOW}): the windows holding events,
 * oldest first, with their times, events and fullest key, counted by hand. Two producers feed the window
 * directly (no lag): key 0 at t = 1, 2, 3, … and an unkeyed one at t = 2, 4, 6, ….
 */
class WindowDrawingTest {

    private static final String TWO_SOURCES = """
            duration: 60s
            producers:
              - {id: a, to: w, arrivals: constant(1/s), keys: uniform(1)}
              - {id: b, to: w, arrivals: constant(0.5/s)}
            channels:
              - {id: w, type: window, window: %s, alert: {count: 3}, alerts-to: alerts}
              - {id: alerts, type: queue}
            """;

    private static Map<String, Double> stateAt(String window, double t) {
        Scenario s = yaml(TWO_SOURCES.formatted(window));
        assertThat(s.channel("w").orElseThrow().drawing().shape()).isEqualTo(Drawing.Shape.WINDOW);
        Model m = new Model(s);
        m.runUntil(t);
        return m.snapshot().get("w");
    }

    @Test
    void aTumblingWindowReportsTheWindowItHoldsAndTheAlertsSoFar() {
        Map<String, Double> st = stateAt("tumbling(10s)", 14.9);
        // [0, 10) closed at 10 with two keys (two aggregates); [10, 20) holds a at 10..14 and b at 10, 12, 14
        assertThat(st).containsEntry("windowsHeld", 1.0).containsEntry("windows", 2.0).containsEntry("openWindows", 2.0)
                .containsEntry("window.0.start", 10.0).containsEntry("window.0.end", 20.0)
                .containsEntry("window.0.close", 20.0).containsEntry("window.0.events", 8.0)
                .containsEntry("window.0.top", 5.0).containsEntry("threshold", 3.0)
                .containsEntry("late", 0.0).containsEntry("dropped", 0.0);
        // 3 reached by both keys in [0, 10) and again in [10, 20)
        assertThat(st).containsEntry("alerts", 4.0).doesNotContainKey("window.1.start");
    }

    @Test
    void slidingWindowsAreReportedOldestFirstWithTheirLateness() {
        Map<String, Double> st = stateAt("\"sliding(10s, 5s)\", lateness: 2s", 14.9);
        // [0, 10) closed at 12; [5, 15): a 5..14, b 6..14 even; [10, 20): a 10..14, b 10, 12, 14
        assertThat(st).containsEntry("windowsHeld", 2.0)
                .containsEntry("window.0.start", 5.0).containsEntry("window.0.end", 15.0)
                .containsEntry("window.0.close", 17.0).containsEntry("window.0.events", 15.0)
                .containsEntry("window.0.top", 10.0)
                .containsEntry("window.1.start", 10.0).containsEntry("window.1.close", 22.0)
                .containsEntry("window.1.events", 8.0).containsEntry("window.1.top", 5.0);
    }

    @Test
    void aClosedWindowLeavesTheList() {
        Map<String, Double> st = stateAt("tumbling(10s)", 20.5);
        // [10, 20) closed at 20; [20, 30) holds a and b at 20
        assertThat(st).containsEntry("windowsHeld", 1.0).containsEntry("windows", 4.0)
                .containsEntry("window.0.start", 20.0).containsEntry("window.0.events", 2.0)
                .containsEntry("window.0.top", 1.0);
    }
}

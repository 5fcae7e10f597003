package dev.tributary.app.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.run.Snapshot;
import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Scenario;
import dev.tributary.sim.scenario.ScenarioReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The drawings of windows, stores and bounded stages, headless (Monocle): a model run to a known instant
 * by hand, its state drawn, and what each box says in words checked (colour is never the only signal).
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class TopologyViewTest {

    private TopologyView view;

    @Start
    void start(Stage stage) {
        view = new TopologyView();
        stage.setScene(new Scene(new StackPane(view), 1280, 400));
        stage.show();
    }

    private static Model model(String yaml) throws Exception {
        return new Model(ScenarioReader.parse(yaml, "test.yaml"));
    }

    private static Snapshot snapshot(Model m, long serial) {
        Map<String, ElementResult> results = new LinkedHashMap<>();
        m.results().forEach(r -> results.put(r.id(), r));
        int n = m.elements().size();
        return new Snapshot(serial, 0, m.now(), m.scenario().duration(), m.events(), 0, true, false, m.elements(),
                m.snapshot(), results, List.of(), true, new long[n], new long[n], "");
    }

    private void draw(Scenario s, Snapshot snap, double wall, FxRobot robot) {
        robot.interact(() -> {
            if (snap.serial() == 1) {
                view.setScenario(s, Map.of());
            }
            view.render(snap, List.of(), wall);
        });
    }

    /** Producer every 0.5 s → stage a (room for 1) → stage b (room for 1, 1 s each): see the simulator's StageTest. */
    private static final String LINE = """
            duration: 105s
            producers: [{id: src, to: a, arrivals: constant(2/s)}]
            channels:
              - {id: a, type: stage, capacity: 1}
              - {id: b, type: stage, capacity: 1}
            consumers:
              - {id: fast, from: a, service: deterministic(250ms), emits: [{to: b}]}
              - {id: slow, from: b, service: deterministic(1s)}
            """;

    @Test
    void backpressureIsSaidOnTheFullStagesTheHeldWorkerAndTheBlockedProducer(FxRobot robot) throws Exception {
        Model m = model(LINE);
        m.runUntil(10.5); // fast's worker holds its event for b; the producer waits for room in a
        draw(m.scenario(), snapshot(m, 1), 0, robot);
        assertThat(view.captions("src")).contains("‖ BLOCKED");
        assertThat(view.captions("fast")).anyMatch(t -> t.startsWith("‖ 1 held"));
        assertThat(view.captions("a")).anyMatch(t -> t.startsWith("FULL 1/1"));
        assertThat(view.captions("b")).anyMatch(t -> t.startsWith("FULL 1/1"));
        m.runUntil(10.9); // everyone moves again
        draw(m.scenario(), snapshot(m, 2), 1, robot);
        assertThat(view.captions("src")).noneMatch(t -> t.contains("BLOCKED"));
        assertThat(view.captions("fast")).noneMatch(t -> t.contains("held"));
    }

    @Test
    void aWindowShowsItsEventsPerWindowAndItsAlertBadgeFlashesWhenAnAlertFires(FxRobot robot) throws Exception {
        Model m = model("""
                duration: 60s
                producers:
                  - {id: a, to: w, arrivals: constant(1/s), keys: uniform(1)}
                  - {id: b, to: w, arrivals: constant(0.5/s)}
                channels:
                  - {id: w, type: window, window: tumbling(10s), alert: {count: 3}, alerts-to: alerts}
                  - {id: alerts, type: queue}
                """);
        m.runUntil(11.5); // [10, 20) holds a at 10, 11 and b at 10; two alerts fired in [0, 10)
        draw(m.scenario(), snapshot(m, 1), 0, robot);
        assertThat(view.captions("w")).contains("3", "⚠ 2");
        assertThat(view.alertFlashing("w", 0)).isFalse(); // first sight: nothing fired on screen yet
        m.runUntil(12.5); // a's third event in [10, 20) at 12: an alert
        draw(m.scenario(), snapshot(m, 2), 1, robot);
        assertThat(view.captions("w")).contains("⚠ 3", "ALERT");
        assertThat(view.alertFlashing("w", 1 + TopologyView.ALERT_FLASH / 2)).isTrue();
        assertThat(view.alertFlashing("w", 1 + TopologyView.ALERT_FLASH * 2)).isFalse();
        draw(m.scenario(), snapshot(m, 3), 1 + TopologyView.ALERT_FLASH * 2, robot);
        assertThat(view.captions("w")).contains("⚠ 3").doesNotContain("ALERT");
    }

    @Test
    void aProjectionSaysHowStaleItsReadModelIs(FxRobot robot) throws Exception {
        Model m = model("""
                duration: 30s
                producers: [{id: p, to: store, arrivals: constant(1/s)}]
                channels: [{id: store, type: event-store, append: 100ms, replay: 200ms, snapshot-every: 3}]
                consumers: [{id: view, from: store, service: deterministic(200ms)}]
                """);
        m.runUntil(1.2); // event 1 committed at 1.1, visible at 1.3
        draw(m.scenario(), snapshot(m, 1), 0, robot);
        assertThat(view.captions("store")).contains("1 appended");
        assertThat(view.captions("view")).contains("stale 100 ms", "mean —");
        m.runUntil(1.35);
        draw(m.scenario(), snapshot(m, 2), 1, robot);
        assertThat(view.captions("view")).contains("up to date", "mean 200 ms");
    }

    @Test
    void anOpenBreakerIsNamedOnItsGroup(FxRobot robot) throws Exception {
        Model m = new Model(dev.tributary.sim.scenario.Examples.load("failures/outage-breaker"));
        m.runUntil(5 * 60);
        draw(m.scenario(), snapshot(m, 1), 0, robot);
        assertThat(view.captions("guarded")).noneMatch(t -> t.startsWith("breaker"));
        m.runUntil(11 * 60); // the provider is down from minute 10: the breaker opened after 20 failures
        draw(m.scenario(), snapshot(m, 2), 1, robot);
        double state = m.snapshot().get("guarded").get("breaker");
        assertThat(view.captions("guarded")).contains(state == 2 ? "breaker OPEN" : "breaker HALF-OPEN");
        assertThat(view.captions("naive")).noneMatch(t -> t.startsWith("breaker")); // it has none
    }

    @Test
    void secondsReadAsPeopleSayThem() {
        assertThat(TopologyView.seconds(0.085)).isEqualTo("85 ms");
        assertThat(TopologyView.seconds(1.2449)).isEqualTo("1.24 s");
        assertThat(TopologyView.seconds(12.46)).isEqualTo("12.5 s");
        assertThat(TopologyView.seconds(192)).isEqualTo("3.2 min");
        assertThat(TopologyView.seconds(Double.NaN)).isEqualTo("—");
    }
}

package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.model.ScenarioTheory;
import dev.tributary.sim.report.ElementReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lesson of {@code scenarios/lessons/} binds, runs, narrates, and its questions resolve to real values. */
class LessonsTest {

    static List<String> lessons() {
        return Examples.index().stream().filter(p -> p.startsWith("lessons/")).toList();
    }

    @Test
    void theLibraryHasALessonPerConcept() {
        assertThat(lessons()).extracting(p -> p.replaceAll("^lessons/|\\.yaml$", "")).containsExactly(
                "littles-law", "pooling", "rho-to-one", "fan-out", "routing", "hot-keys", "idle-consumers", "replay",
                "sizing", "consumer-crash", "rebalance-protocols", "broker-outage", "sagas", "commands-and-events", "backpressure", "fraud-window", "cqrs");
    }

    /** Runs each lesson to each question's time: the figure is measured there and theory predicts it. */
    @ParameterizedTest
    @MethodSource("lessons")
    void questionsResolveToMeasuredAndPredictedValues(String path) throws Exception {
        Scenario s = Examples.load(path);
        assertThat(s.name()).startsWith("Lesson: ");
        assertThat(s.narration()).as(path + " narrates").isNotEmpty();
        assertThat(s.narration().get(0).at()).as("a lesson opens with a caption at the start").isZero();
        List<NarrationStep> questions = s.narration().stream().filter(NarrationStep::question).toList();
        assertThat(questions).as(path + " asks something").isNotEmpty();
        Map<String, Map<String, Object>> predicted = ScenarioTheory.reportBlocks(s);
        Model m = new Model(s);
        for (NarrationStep q : questions) {
            m.runUntil(q.at());
            assertThat(m.now()).isLessThanOrEqualTo(q.at());
            ElementResult r = m.results().stream().filter(e -> e.id().equals(q.element())).findFirst().orElseThrow();
            assertThat(r.get(q.figure())).as(path + " measures " + q.figureName() + " at " + q.at()).isFinite();
            double p = ElementReport.numberAt(predicted.getOrDefault(q.element(), Map.of()), q.figure());
            assertThat(p).as(path + " predicts " + q.figureName()).isFinite();
        }
    }

    /** Briefly: each lesson's whole narration fits its run and every highlighted element exists. */
    @ParameterizedTest
    @MethodSource("lessons")
    void narrationFitsTheRun(String path) throws Exception {
        Scenario s = Examples.load(path);
        Model m = new Model(s);
        var ids = m.elements().stream().map(e -> e.id()).toList();
        for (NarrationStep n : s.narration()) {
            assertThat(n.at()).isBetween(0.0, s.duration());
            if (n.highlight() != null) {
                assertThat(ids).contains(n.highlight());
            }
        }
        m.runUntil(Math.min(s.duration(), 60));
        assertThat(m.events()).isPositive();
    }
}

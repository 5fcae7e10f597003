package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code narration:}: captions and questions bound in time order, every mistake a located problem. */
class NarrationTest {

    static final String BASE = """
            name: Narrated queue
            duration: 1h
            warmup: 5m
            producers:
              - {id: checkout, to: orders, arrivals: poisson(3/s)}
            channels:
              - {id: orders, type: queue}
              - {id: events, type: stream, partitions: 2}
            consumers:
              - {id: payment, from: orders, instances: 4, service: exponential(1s)}
              - {id: ledger, from: events, instances: 2, service: exponential(10ms)}
            narration:
            """;

    private static Scenario parse(String narration) throws ScenarioException {
        return ScenarioReader.parse(BASE + narration, "lesson.yaml");
    }

    private static ScenarioException problems(String narration) {
        return catchThrowableOfType(ScenarioException.class, () -> parse(narration));
    }

    @Test
    void captionsAndQuestionsAreBoundInTimeOrder() throws Exception {
        Scenario s = parse("""
                  - {at: 10m, ask: "How long will an order wait?", figure: payment.Wq}
                  - {at: 0s, text: Four workers share one queue., highlight: orders}
                  - {at: 2m, text: "Watch it: the queue stays short.", pause: true}
                  - {at: 20m, ask: "Lag of partition 1?", figure: ledger.partitions.1.lag, highlight: events}
                """);
        assertThat(s.narration()).containsExactly(
                NarrationStep.caption(0, "Four workers share one queue.", false, "orders"),
                NarrationStep.caption(120, "Watch it: the queue stays short.", true, null),
                new NarrationStep(600, "How long will an order wait?", true, "payment", "payment", "Wq"),
                new NarrationStep(1200, "Lag of partition 1?", true, "events", "ledger", "partitions.1.lag"));
        assertThat(s.narration().get(2).question()).isTrue();
        assertThat(s.narration().get(2).figureName()).isEqualTo("payment.Wq");
        assertThat(s.narration().get(0).question()).isFalse();
        // the copies a what-if makes keep the narration
        assertThat(s.withSeed(3).narration()).isEqualTo(s.narration());
    }

    @Test
    void aScenarioWithoutNarrationHasNone() throws Exception {
        assertThat(ScenarioReader.parse(BASE.replace("narration:\n", ""), "x.yaml").narration()).isEmpty();
    }

    @Test
    void anUnknownFigureListsTheFiguresOfThatElement() {
        ScenarioException e = problems("""
                  - {at: 10m, ask: "Wait?", figure: payment.Wait}
                """);
        assertThat(e.problems()).hasSize(1);
        ScenarioException.Problem p = e.problems().get(0);
        assertThat(p.key()).isEqualTo("narration[0].figure");
        assertThat(p.line()).isEqualTo(13);
        assertThat(p.message()).contains("'payment' measures no figure 'Wait'")
                .contains("its figures are: throughput, L, Lq, W, Wq, utilization");
        // a stream's group offers its lag; a queue's does not
        assertThat(problems("""
                  - {at: 10m, ask: "Lag?", figure: payment.lag}
                """).getMessage()).contains("measures no figure 'lag'");
        assertThat(problems("""
                  - {at: 10m, ask: "Lag?", figure: ledger.lagg}
                """).getMessage()).contains("did you mean 'lag'").contains("partitions.N.lag");
        assertThat(problems("""
                  - {at: 10m, ask: "Retained?", figure: events.Wq}
                """).getMessage()).contains("its figures are: throughput, retained");
    }

    @Test
    void unknownElementsAreNamedWithTheKnownOnes() {
        ScenarioException e = problems("""
                  - {at: 10m, ask: "Wait?", figure: paymnt.Wq}
                  - {at: 1m, text: Look here, highlight: order}
                  - {at: 10m, ask: "Wait?", figure: Wq}
                """);
        assertThat(e.problems()).extracting(ScenarioException.Problem::key)
                .containsExactly("narration[0].figure", "narration[1].highlight", "narration[2].figure");
        assertThat(e.problems().get(0).message()).contains("'paymnt' is no element").contains("did you mean 'payment'")
                .contains("the elements are: orders, events, payment, ledger, checkout");
        assertThat(e.problems().get(1).message()).contains("no element with id 'order'").contains("did you mean 'orders'");
    }

    @Test
    void timesMustLieInTheRunAndQuestionsAfterTheWarmup() {
        ScenarioException e = problems("""
                  - {at: 2h, text: Too late}
                  - {at: 3m, ask: "Wait?", figure: payment.Wq}
                  - {text: "When?"}
                  - {at: soon, text: "When?"}
                """);
        assertThat(e.problems()).extracting(ScenarioException.Problem::key)
                .containsExactly("narration[0].at", "narration[1].at", "narration[2].at", "narration[3].at");
        assertThat(e.problems().get(0).message()).contains("within the run (at most 1h); got 2h");
        assertThat(e.problems().get(1).message()).contains("after the warm-up (5m)");
        assertThat(e.problems().get(2).message()).contains("is missing");
        assertThat(e.getMessage()).contains("lesson.yaml:13:");
    }

    @Test
    void wrongShapesAreRefused() {
        ScenarioException e = problems("""
                  - {at: 10m, ask: "Wait?", figure: payment.Wq, pause: false}
                  - {at: 10m, text: Both, ask: "Which?", figure: payment.Wq}
                  - {at: 10m, text: A caption, figure: payment.Wq}
                  - {at: 10m, text: A caption, pause: maybe}
                  - {at: 10m, ask: "Which?"}
                  - {at: 10m, text: A caption, colour: red}
                  - just a string
                """);
        assertThat(e.problems()).extracting(ScenarioException.Problem::key).containsExactly(
                "narration[0].pause", "narration[1].text", "narration[2].figure", "narration[3].pause",
                "narration[4].figure", "narration[5].colour", "narration[6]");
        assertThat(e.problems().get(0).message()).contains("a question always pauses");
        assertThat(e.problems().get(2).message()).contains("only applies to a question");
    }

    /** Every figure a question may name is measured by its element in every bundled example. */
    @Test
    void theFiguresQuestionsMayNameAreMeasured() throws Exception {
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        for (Examples.Example ex : Examples.list()) {
            Scenario s = Examples.load(ex.name());
            Model m = new Model(s.withDuration(Math.min(s.duration(), 600)));
            m.runToEnd();
            Map<String, ElementResult> measured = new java.util.HashMap<>();
            m.results().forEach(r -> measured.put(r.id(), r));
            var channels = new java.util.LinkedHashMap<String, dev.tributary.sim.element.ChannelSpec>();
            s.channels().forEach(c -> channels.put(c.id(), c));
            NarrationBinder.figures(s.producers(), channels, s.consumers()).forEach((id, figures) -> {
                boolean shared = s.consumers().stream().filter(c -> c.id().equals(id))
                        .anyMatch(c -> s.consumersOf(c.from()).size() > 1);
                for (String f : figures) {
                    if (f.startsWith("partitions.N.")) {
                        f = f.replace(".N.", ".0.");
                    }
                    if (shared && List.of("L", "Lq").contains(f)) {
                        continue; // groups sharing one queue share its L: measured on the queue
                    }
                    soft.assertThat(measured.get(id).measured()).as(ex.name() + ": " + id + "." + f).containsKey(f);
                }
            });
        }
        soft.assertAll();
    }
}

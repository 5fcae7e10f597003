package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.format.ScenarioException;
import org.junit.jupiter.api.Test;

/** Kinds wired inconsistently are located errors at the key that is wrong, saying what was expected. */
class KindWiringTest {

    private static final String SAGA = """
              - id: s
                type: saga
                style: orchestration
                steps: [{name: reserve, compensation: release}]
            """;

    static ScenarioException.Problem problem(String yaml) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(yaml, "k.yaml"));
        assertThat(e).as("expected a problem").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void aSagaStepReadingATopicOrAQueue() {
        for (String type : new String[] {"topic", "queue", "command"}) {
            ScenarioException.Problem p = problem("""
                    producers: [{id: p, to: t, arrivals: poisson(1/s)}]
                    channels:
                      - {id: t, type: %s}
                    consumers: [{id: c, from: t, step: reserve, service: exponential(10ms)}]
                    """.formatted(type));
            assertThat(p.line()).as(type).isEqualTo(4);
            assertThat(p.key()).isEqualTo("consumers[0].step");
            assertThat(p.message()).contains("only applies to a consumer of a saga").contains("'t' is a " + type);
        }
    }

    @Test
    void aGroupReadingASagaWithoutAStepOrWithEmits() {
        ScenarioException.Problem missing = problem("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels:
                """ + SAGA + """
                consumers:
                  - {id: c, from: s, step: reserve, service: exponential(10ms)}
                  - {id: d, from: s, service: exponential(10ms)}
                """);
        assertThat(missing.line()).isEqualTo(9);
        assertThat(missing.key()).isEqualTo("consumers[1].step");
        assertThat(missing.message()).contains("expected the name of the saga step");
        ScenarioException.Problem emits = problem("""
                producers: [{id: p, to: s, arrivals: poisson(1/s)}]
                channels:
                  - {id: q, type: queue}
                """ + SAGA + """
                consumers:
                  - {id: r, from: s, step: reserve, service: exponential(10ms), emits: [{to: q}]}
                  - {id: c, from: q, service: exponential(10ms)}
                """);
        assertThat(emits.line()).isEqualTo(9);
        assertThat(emits.key()).isEqualTo("consumers[0].emits");
        assertThat(emits.message()).contains("does not apply");
    }

    @Test
    void aStreamGroupsKeyOnAQueueReaderAndAGroupReadingAWindow() {
        ScenarioException.Problem offset = problem("""
                producers: [{id: p, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: exponential(10ms), offset: earliest}]
                """);
        assertThat(offset.key()).isEqualTo("consumers[0].offset");
        assertThat(offset.message()).contains("only applies to a consumer of a stream");
        ScenarioException.Problem window = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window, window: tumbling(1m)}]
                consumers: [{id: c, from: w, service: exponential(10ms)}]
                """);
        assertThat(window.line()).isEqualTo(3);
        assertThat(window.key()).isEqualTo("consumers[0].from");
        assertThat(window.message()).contains("holds none");
    }

    @Test
    void aCommandWithoutAHandlerOrReplyingNowhere() {
        ScenarioException.Problem none = problem("""
                producers: [{id: p, to: cmd, arrivals: poisson(1/s)}]
                channels:
                  - {id: cmd, type: command}
                """);
        assertThat(none.line()).isEqualTo(3);
        assertThat(none.message()).contains("exactly one handler group");
        ScenarioException.Problem nowhere = problem("""
                producers: [{id: p, to: cmd, arrivals: poisson(1/s)}]
                channels:
                  - {id: cmd, type: command, reply-to: nowhere}
                consumers: [{id: h, from: cmd, service: exponential(10ms)}]
                """);
        assertThat(nowhere.key()).isEqualTo("channels[0].reply-to");
        assertThat(nowhere.message()).contains("no channel with id 'nowhere'");
    }

    @Test
    void aWindowSendingItsAlertsToItself() {
        ScenarioException.Problem p = problem("""
                producers: [{id: p, to: w, arrivals: poisson(1/s)}]
                channels: [{id: w, type: window, window: tumbling(1m), alert: {count: 2}, alerts-to: w}]
                """);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("routes back to itself");
    }
}

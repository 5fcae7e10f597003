package dev.tributary.sim.element.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled saga example reconciles its counts (warm-up included), and both styles share their step ids. */
class SagaExamplesTest {

    static List<String> sagaExamples() {
        return Examples.index().stream().filter(n -> n.startsWith("sagas/")).toList();
    }

    @ParameterizedTest
    @MethodSource("sagaExamples")
    void countsReconcile(String name) throws Exception {
        Model m = new Model(Examples.load(name));
        m.runToEnd();
        List<ElementResult> sagas = m.results().stream().filter(r -> r.kind().equals(SagaKind.WORD)).toList();
        assertThat(sagas).isNotEmpty();
        for (ElementResult s : sagas) {
            SagaModelTest.assertReconciles(s);
            assertThat(s.get("completed")).isPositive();
            assertThat(s.get("compensated")).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void orchestrationAndChoreographyUseTheSameElementIds() throws Exception {
        assertThat(sagaExamples()).contains("sagas/orchestration.yaml", "sagas/choreography.yaml");
        List<String> a = Examples.load("sagas/orchestration.yaml").consumers().stream().map(c -> c.id()).toList();
        List<String> b = Examples.load("sagas/choreography.yaml").consumers().stream().map(c -> c.id()).toList();
        assertThat(a).isEqualTo(b);
    }
}

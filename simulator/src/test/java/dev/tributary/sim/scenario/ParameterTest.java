package dev.tributary.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.value.ArrivalSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTest {

    private static final String TEXT = """
            name: t
            producers:
              - id: src
                to: q
                arrivals: poisson(2/s)
            channels:
              - id: q
                type: queue
            consumers:
              - id: work
                from: q
                instances: 2
                service: exponential(500ms)
            """;

    @Test
    void setsAnyKeyAndTheRateAndMeanShorthands() throws ScenarioException {
        Parameter instances = new Parameter("work", "instances", List.of("3"));
        Parameter rate = new Parameter("src", "rate", List.of("5/s"));
        Parameter service = new Parameter("work", "service", List.of("250ms"));
        Scenario s = Parameter.bind(TEXT, "t.yaml", List.of(instances, rate, service), List.of("3", "5/s", "250ms"));
        assertThat(s.consumers().get(0).instances()).isEqualTo(3);
        assertThat(s.consumers().get(0).service().mean()).isEqualTo(0.25);
        assertThat(((ArrivalSpec) s.producers().get(0).arrivals()).meanRate(1)).isEqualTo(5.0);
        // the file itself is untouched by a sweep
        assertThat(ScenarioReader.parse(TEXT, "t.yaml").consumers().get(0).instances()).isEqualTo(2);
    }

    @Test
    void valuesMapToNumbersForTheAxis() {
        Parameter p = new Parameter("x", "k", List.of("3", "2/s", "1m", "erlang(2, 1s)", "zzz"));
        assertThat(p.x(0)).isEqualTo(3);
        assertThat(p.x(1)).isEqualTo(2);
        assertThat(p.x(2)).isEqualTo(60);
        assertThat(p.x(3)).isEqualTo(1);
        assertThat(p.x(4)).isNaN();
    }

    @Test
    void aValueTheBinderRefusesIsLocatedAndNamesTheSetting() {
        Parameter p = new Parameter("work", "instances", List.of("-1"));
        assertThatThrownBy(() -> Parameter.bind(TEXT, "t.yaml", List.of(p), List.of("-1")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("t.yaml:12:16")
                .hasMessageContaining("with work.instances=-1");
        Parameter r = new Parameter("src", "rate", List.of("1/s"));
        String noPoisson = TEXT.replace("poisson(2/s)", "onoff(2/s, 1s, 1s)");
        assertThatThrownBy(() -> Parameter.bind(noPoisson, "t.yaml", List.of(r), List.of("1/s")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("t.yaml:5:")
                .hasMessageContaining("--vary src.arrivals=");
    }
}

package dev.tributary.sim.report;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.scenario.Scenario;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event trace is the report's subscriber to model events: its lines add up to the measured counts. */
@Timeout(120)
class EventTraceTest {

    @Test
    void traceLinesAddUpToTheMeasuredCounts() {
        Scenario s = yaml("""
                duration: 10m
                producers: [{id: p, to: q, arrivals: poisson(3/s)}]
                channels: [{id: q, type: queue, capacity: 2}]
                consumers: [{id: c, from: q, service: exponential(500ms)}]
                """);
        StringWriter out = new StringWriter();
        Runner runner = new Runner().withTrace(elements -> new EventTrace(out, elements, Long.MAX_VALUE));
        List<Runner.Replication> reps = runner.replicate(s, 1);
        List<ElementResult> results = reps.get(0).model().results();
        double rejected = results.stream().filter(r -> r.id().equals("q")).findFirst().orElseThrow().get("rejected");
        double produced = results.stream().filter(r -> r.id().equals("p")).findFirst().orElseThrow().get("produced");
        List<String> lines = Arrays.asList(out.toString().split("\n"));
        assertThat(lines.get(0)).isEqualTo(EventTrace.HEADER);
        assertThat(rejected).isPositive();
        assertThat(lines.stream().filter(l -> l.contains(",rejected,q,")).count()).isEqualTo((long) rejected);
        assertThat(lines.stream().filter(l -> l.contains(",moved,p,q,")).count()).isEqualTo((long) produced);
        // every accepted event entered service (a move from the queue to the group) or still waits
        long served = lines.stream().filter(l -> l.contains(",moved,q,c,")).count();
        double waiting = reps.get(0).model().snapshot().get("q").get("queued");
        assertThat(served).isEqualTo((long) (produced - rejected - waiting));
    }

    @Test
    void theTraceStopsAtItsLimitAndSaysSo() {
        Scenario s = yaml("""
                duration: 10m
                producers: [{id: p, to: q, arrivals: poisson(3/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: exponential(100ms)}]
                """);
        StringWriter out = new StringWriter();
        new Runner().withTrace(elements -> new EventTrace(out, elements, 5)).replicate(s, 2);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[6]).startsWith("# trace stopped after 5 events");
    }
}

package dev.tributary.sim.element.command;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** Commands: one addressed handler group, replies correlated by the command's id, late replies timed out. */
class CommandKindTest {

    static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Commands at t = 1, 2, …, 10 s (the last one still in service at the end), one handler taking
     * 300 ms: every command is replied 300 ms after it was sent, before the 500 ms timeout, and each
     * reply reaches the requester's reply queue, whose reader counts them.
     */
    @Test
    void everyHandledCommandIsRepliedOnce() {
        Model m = new Model(yaml("""
                duration: 10s
                producers: [{id: p, to: reserve, arrivals: constant(1/s)}]
                channels:
                  - {id: reserve, type: command, reply-to: replies, reply-timeout: 500ms}
                  - {id: replies, type: queue}
                consumers:
                  - {id: inventory, from: reserve, service: deterministic(300ms)}
                  - {id: requester, from: replies, service: deterministic(1ms)}
                """));
        m.runToEnd();
        ElementResult r = result(m, "reserve");
        assertThat(r.kind()).isEqualTo("command");
        assertThat(r.get("commands")).isEqualTo(10);
        assertThat(r.get("replies")).isEqualTo(9);
        assertThat(r.get("timedOut")).isZero();
        assertThat(r.get("reply.mean")).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result(m, "requester").get("throughput")).isEqualTo(0.9);
    }

    /** A handler slower than the timeout: every reply comes too late, is counted timed out, and is not sent. */
    @Test
    void repliesLaterThanTheTimeoutAreTimedOut() {
        Model m = new Model(yaml("""
                duration: 10s
                producers: [{id: p, to: reserve, arrivals: constant(1/s)}]
                channels:
                  - {id: reserve, type: command, reply-to: replies, reply-timeout: 200ms}
                  - {id: replies, type: queue}
                consumers:
                  - {id: inventory, from: reserve, service: deterministic(300ms)}
                  - {id: requester, from: replies, service: deterministic(1ms)}
                """));
        m.runToEnd();
        assertThat(result(m, "reserve").get("timedOut")).isEqualTo(9);
        assertThat(result(m, "requester").get("throughput")).isZero();
    }

    /**
     * Commands at t = 1, 2, …, 10 s, one handler taking 1.2 s: the queue grows by 0.2 s a command, so
     * the k-th command is handled 1.0 + 0.2k s after it was sent (1.2, 1.4, …, 2.4 s for the seven
     * done by 10 s). With a 1.9 s timeout the first four replies reach the requester and three are late.
     */
    @Test
    void onlyRepliesWithinTheTimeoutReachTheReplyChannel() {
        Model m = new Model(yaml("""
                duration: 10s
                producers: [{id: p, to: reserve, arrivals: constant(1/s)}]
                channels:
                  - {id: reserve, type: command, reply-to: replies, reply-timeout: 1900ms}
                  - {id: replies, type: queue}
                consumers:
                  - {id: inventory, from: reserve, service: deterministic(1200ms)}
                  - {id: requester, from: replies, service: deterministic(1ms)}
                """));
        m.runToEnd();
        ElementResult r = result(m, "reserve");
        assertThat(r.get("commands")).isEqualTo(10);
        assertThat(r.get("replies")).isEqualTo(4);
        assertThat(r.get("timedOut")).isEqualTo(3);
        assertThat(r.get("reply.mean")).isCloseTo(1.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result(m, "requester").get("throughput")).isEqualTo(0.4);
    }

    @Test
    void aCommandChannelWithTwoHandlerGroupsIsALocatedError() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: reserve, arrivals: poisson(1/s)}]
                channels: [{id: reserve, type: command}]
                consumers:
                  - {id: inventory, from: reserve, service: exponential(100ms)}
                  - {id: audit, from: reserve, service: exponential(100ms)}
                """, "two.yaml"));
        assertThat(e.problems()).hasSize(1);
        ScenarioException.Problem p = e.problems().get(0);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.key()).isEqualTo("consumers[1].from");
        assertThat(p.message()).contains("exactly one handler group").contains("'inventory'");
    }

    @Test
    void aCommandChannelNobodyHandlesAndAReplyToItselfAreLocatedErrors() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: p, to: reserve, arrivals: poisson(1/s)}]
                channels:
                  - {id: reserve, type: command}
                  - {id: pay, type: command, reply-to: pay}
                consumers:
                  - {id: payment, from: pay, service: exponential(100ms)}
                """, "none.yaml"));
        assertThat(e.problems()).extracting(ScenarioException.Problem::line).containsExactlyInAnyOrder(3, 4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("no consumer reads 'reserve'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.key()).endsWith("reply-to"));
    }

    /**
     * The counts reconcile (docs/scenario-format.md, command): every command sent is replied in time,
     * timed out (handled too late, or given up by its failing handler) or still in flight at the end;
     * the replies are exactly those reaching the reply queue, the failed ones exactly the handler's drops.
     */
    @Test
    void commandCountsReconcileWithFailuresAndTimeouts() {
        Model m = new Model(yaml("""
                seed: 3
                duration: 10m
                warmup: 0s
                producers: [{id: client, to: charge, arrivals: poisson(2/s)}]
                channels:
                  - {id: charge, type: command, reply-to: replies, reply-timeout: 1s}
                  - {id: replies, type: queue}
                consumers:
                  - {id: payment, from: charge, instances: 1, service: exponential(400ms), failures: {probability: 0.3}}
                  - {id: requester, from: replies, service: exponential(10ms)}
                """));
        m.runToEnd();
        ElementResult r = result(m, "charge");
        double commands = r.get("commands");
        double replies = r.get("replies");
        double timedOut = r.get("timedOut");
        double failed = r.get("failed");
        // a busy handler: some replies late, some commands failed, both counted timed out
        assertThat(failed).isPositive();
        assertThat(timedOut).isGreaterThan(failed);
        assertThat(failed).isEqualTo(result(m, "payment").get("dropped"));
        // replies are the replies sent: the reply queue receives exactly them
        assertThat(replies).isEqualTo(result(m, "replies").get("arrivalRate") * 600, org.assertj.core.api.Assertions.offset(1e-6));
        // what is neither replied nor timed out is still queued or in service at the end
        assertThat(commands).isEqualTo(replies + timedOut + r.get("inFlight"));
    }

    /** A timeout without reply-to (documented): the requester waits all the same, late replies time out. */
    @Test
    void aTimeoutWithoutReplyToCountsTheSame() {
        Model m = new Model(yaml("""
                duration: 10s
                warmup: 0s
                producers: [{id: p, to: reserve, arrivals: constant(1/s)}]
                channels: [{id: reserve, type: command, reply-timeout: 200ms}]
                consumers: [{id: inventory, from: reserve, service: deterministic(300ms)}]
                """));
        m.runToEnd();
        ElementResult r = result(m, "reserve");
        assertThat(r.get("replies")).isZero();
        assertThat(r.get("timedOut")).isEqualTo(9);
        assertThat(r.get("commands")).isEqualTo(r.get("replies") + r.get("timedOut") + r.get("inFlight"));
    }

    /** Kind words starting with a vowel take "an": "'log' is an event-store". */
    @Test
    void messagesSayAnEventStore() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse("""
                producers: [{id: c, to: e, arrivals: poisson(5/s), keys: uniform(10)}]
                channels: [{id: e, type: event-store, append: 1ms}]
                consumers: [{id: p, from: e, service: exponential(1ms), offset: earliest}]
                """, "es.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("'e' is an event-store").doesNotContain("a event-store");
    }
}

package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.monitor.AlertEvent;
import dev.tributary.sim.observe.ModelEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failures, retries, breakers, faults, redrives and alerts on small deterministic scenarios
 * (constant arrivals, deterministic service) whose counts and times are worked out by hand.
 *
 * <p>Same-time order, used below: the engine runs events due at the same time in the order they
 * were scheduled, so a fault (scheduled at the start) comes before a sample, a sample (scheduled
 * one interval earlier) before an arrival or a completion due at the same instant.
 */
class FailureModelTest {

    static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Arrivals at t = 1, 2, …, 100; service 100 ms; a dependency is down from 10 s to 20 s. Blocking,
     * 2 retries 1 s apart, a failed attempt costs 50% (50 ms). Event 10: attempts at 10, 11.05,
     * 12.10, all fail, dead-lettered at 12.15; events 11, 12, 13 likewise, each holding the worker
     * 2.15 s (starts 12.15, 14.30, 16.45); event 14 starts at 18.60, fails at 18.60 and 19.65, and its
     * third attempt at 20.70 succeeds. Events 15 … 21 then drain by 21.5 and all later ones pass.
     */
    @Test
    void blockingRetriesDuringAnOutageGiveExactCounts() {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}]
                consumers:
                  - id: c
                    from: q
                    service: deterministic(100ms)
                    failures: {retries: 2, backoff: 1s, mode: blocking, failed-cost: 50%, dlq: dlq}
                faults: [{at: 10s, fail: c, for: 10s}]
                """));
        List<ModelEvent> seen = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.DeadLettered || e instanceof ModelEvent.FaultChanged) {
                seen.add(e);
            }
        });
        m.runToEnd();
        ElementResult c = result(m, "c");
        // attempts: 1–9 once, 10–13 three times, 14 three times, 15–99 once, and 100 started at the end
        assertThat(c.get("attempts")).isEqualTo(9 + 12 + 3 + 85 + 1);
        assertThat(c.get("errors")).isEqualTo(12 + 2);
        assertThat(c.get("retries")).isEqualTo(4 * 2 + 2);
        assertThat(c.get("deadLettered")).isEqualTo(4);
        assertThat(c.get("reasons.exhausted")).isEqualTo(4);
        assertThat(c.get("dropped")).isZero();
        assertThat(c.get("dlq.size")).isEqualTo(4); // nobody reads the DLQ
        assertThat(c.get("throughput") * 100).isCloseTo(95, within(1e-9)); // 1–9 and 14–99 succeed
        assertThat(c.get("backoffSeconds")).isCloseTo(10, within(1e-9)); // ten 1 s backoffs
        assertThat(c.get("errorRate")).isCloseTo(14.0 / 110, within(1e-12));
        assertThat(c.get("outOfOrder")).isZero();
        assertThat(result(m, "dlq").get("arrivalRate") * 100).isCloseTo(4, within(1e-9));
        List<Double> deadAt = seen.stream().filter(e -> e instanceof ModelEvent.DeadLettered)
                .map(ModelEvent::time).toList();
        assertThat(deadAt).hasSize(4);
        assertThat(deadAt.get(0)).isCloseTo(12.15, within(1e-9));
        assertThat(deadAt.get(3)).isCloseTo(18.60, within(1e-9));
        assertThat(seen.stream().filter(e -> e instanceof ModelEvent.DeadLettered d && d.attempts() == 3)).hasSize(4);
        assertThat(seen.stream().filter(e -> e instanceof ModelEvent.FaultChanged).map(ModelEvent::time))
                .containsExactly(10.0, 20.0);
    }

    private static final String BREAKER = """
            duration: 100s
            producers: [{id: p, to: q, arrivals: constant(1/s)}]
            channels: [{id: q, type: queue}, {id: dlq, type: queue}]
            consumers:
              - id: c
                from: q
                service: deterministic(100ms)
                failures: {dlq: dlq}
                circuit-breaker: {failure-rate: 100%, window: 3, open-for: 5s, half-open-calls: 1, when-open: WHEN}
            faults: [{at: 10s, fail: c, for: 10s}]
            """;

    /**
     * Events 10, 11, 12 fail (no retries, 100 ms each): the window of 3 is all failures at 12.1 and
     * the breaker opens; events 13–17 are not attempted; at 17.1 it lets one trial through: event 18
     * fails at 18.1 (the outage lasts until 20) and it opens again until 23.1; events 19–23 are not
     * attempted; event 24's trial succeeds at 24.1 and it closes.
     */
    @Test
    void aBreakerSendsEventsToTheDlqWhileOpen() {
        Model m = new Model(yaml(BREAKER.replace("WHEN", "dlq")));
        List<String> states = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.BreakerChanged b) {
                states.add(b.state());
                times.add(b.time());
            }
        });
        m.runToEnd();
        ElementResult c = result(m, "c");
        assertThat(states).containsExactly("open", "half-open", "open", "half-open", "closed");
        assertThat(times.get(0)).isCloseTo(12.1, within(1e-9));
        assertThat(times.get(1)).isCloseTo(17.1, within(1e-9));
        assertThat(times.get(2)).isCloseTo(18.1, within(1e-9));
        assertThat(times.get(4)).isCloseTo(24.1, within(1e-9));
        assertThat(c.get("reasons.exhausted")).isEqualTo(4);   // 10, 11, 12, 18
        assertThat(c.get("reasons.breakerOpen")).isEqualTo(10); // 13–17, 19–23
        assertThat(c.get("deadLettered")).isEqualTo(14);
        assertThat(c.get("attempts")).isEqualTo(12 + 1 + 77);   // 1–12, 18, 24–100
        assertThat(c.get("errors")).isEqualTo(4);
        assertThat(c.get("breakerOpened")).isEqualTo(2);
        assertThat(c.get("breakerOpenSeconds")).isCloseTo(10, within(1e-9));
        assertThat(c.get("breakerState")).isZero(); // closed at the end
        assertThat(c.get("throughput") * 100).isCloseTo(9 + 76, within(1e-9));
    }

    @Test
    void aBreakerWithAFallbackPassesEventsWhileOpen() {
        Model m = new Model(yaml(BREAKER.replace("WHEN", "fallback")));
        m.runToEnd();
        ElementResult c = result(m, "c");
        assertThat(c.get("fallbacks")).isEqualTo(10);
        assertThat(c.get("deadLettered")).isEqualTo(4);
        assertThat(c.get("throughput") * 100).isCloseTo(9 + 76 + 10, within(1e-9));
    }

    /**
     * With {@code when-open: wait} the worker stops taking events: 13–17 wait in the queue; at 17.1
     * the trial (event 13, the oldest) fails at 17.2 and the breaker opens again; at 22.2 the next
     * trial (event 14) succeeds and the backlog drains. Nothing is dead-lettered by the breaker and
     * the order is kept.
     */
    @Test
    void aBreakerThatWaitsHoldsTheQueue() {
        Model m = new Model(yaml(BREAKER.replace("WHEN", "wait")));
        m.runUntil(20);
        assertThat(m.snapshot().get("q").get("queued")).isEqualTo(7.0); // 14–20 wait (13 failed its trial at 17.05)
        m.runToEnd();
        ElementResult c = result(m, "c");
        assertThat(c.get("reasons.breakerOpen")).isZero();
        assertThat(c.get("deadLettered")).isEqualTo(4); // 10, 11, 12 and the trial 13
        assertThat(c.get("attempts")).isEqualTo(12 + 1 + 87); // 1–12, 13's trial, then 14–100
        assertThat(c.get("outOfOrder")).isZero();
        assertThat(c.get("breakerOpenSeconds")).isCloseTo(10, within(1e-9));
    }

    /**
     * Arrivals every second, service 500 ms, and from 20 s to 50 s the group is 4× slower (2 s): the
     * backlog grows by half an event a second and then drains at one a second. Sampled every 10 s
     * (before the events due at the same instant): lag 0, 0, 6, 11, 16, 6, 0, … So lag ≥ 5 raises a
     * warning at 30 s, ≥ 15 a critical at 50 s, cleared at 60 s and 70 s. The mean time in system
     * over each interval: 0.5, 0.5, 3.5, 8, 13, 11.25, 2.5625, 0.5, … so processing-time ≥ 1 s warns
     * at 30 s, ≥ 5 s is critical at 40 s, cleared at 70 s and 80 s.
     */
    @Test
    void alertsAreRaisedAndClearedAtTheRightSamples() {
        Model m = new Model(yaml("""
                duration: 100s
                sample: 10s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(500ms)}]
                faults: [{at: 20s, slow: c, factor: 4, for: 30s}]
                alerts:
                  - {figure: lag, warning: 5, critical: 15}
                  - {figure: processing-time, warning: 1s, critical: 5s}
                  - {figure: error-rate}
                """));
        m.runToEnd();
        List<String> lag = new ArrayList<>();
        List<String> time = new ArrayList<>();
        for (AlertEvent a : m.alerts()) {
            String s = (int) a.time() + " " + (a.raised() ? "raised " : "cleared ") + a.level() + " " + a.value();
            (a.figure().equals("lag") ? lag : time).add(s);
            assertThat(a.element()).isEqualTo("c");
        }
        assertThat(lag).containsExactly("30 raised warning 6.0", "50 raised critical 16.0", "60 cleared critical 6.0",
                "70 cleared warning 0.0");
        assertThat(time).containsExactly("30 raised warning 3.5", "40 raised critical 8.0", "70 cleared critical 2.5625",
                "80 cleared warning 0.5");
    }

    /**
     * The DLQ fills while the group fails (every event 10–19 is dead-lettered: no retries) and a
     * redrive at 60 s puts the ten back, with fresh attempts, at the tail of the queue.
     */
    @Test
    void aRedriveMovesTheDlqBack() {
        Model m = new Model(yaml("""
                duration: 100s
                sample: 5s
                producers: [{id: p, to: q, arrivals: constant(1/s), keys: uniform(1)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}]
                consumers:
                  - {id: c, from: q, service: deterministic(100ms), failures: {dlq: dlq}}
                faults:
                  - {at: 10s, fail: c, for: 10s}
                  - {at: 60s, redrive: dlq}
                alerts: [{figure: dlq-size, warning: 5, critical: 10}]
                """));
        m.runUntil(59);
        assertThat(m.snapshot().get("dlq").get("queued")).isEqualTo(10.0);
        m.runToEnd();
        ElementResult c = result(m, "c");
        ElementResult dlq = result(m, "dlq");
        assertThat(c.get("deadLettered")).isEqualTo(10);
        assertThat(dlq.get("throughput") * 100).isCloseTo(10, within(1e-9)); // the ten left by the redrive
        assertThat(m.snapshot().get("dlq").get("queued")).isZero();
        // 1–9, 20–99 and the ten redriven succeed; the redriven ones are older than what came before them
        assertThat(c.get("throughput") * 100).isCloseTo(9 + 80 + 10, within(1e-9));
        assertThat(c.get("outOfOrder")).isEqualTo(10);
        assertThat(m.alerts()).extracting(a -> a.time() + " " + a.level() + " " + a.raised())
                .containsExactly("15.0 warning true", "20.0 critical true", "60.0 critical false", "60.0 warning false");
    }

    @Test
    void requeueBreaksTheOrderAndRetryStagesHaveTheirOwnElements() {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(1/s), keys: uniform(1)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}]
                consumers:
                  - id: c
                    from: q
                    service: deterministic(100ms)
                    failures: {retries: 1, backoff: 1500ms, mode: requeue, dlq: dlq}
                  - id: t
                    from: dlq
                    service: deterministic(100ms)
                faults: [{at: 10s, fail: c, for: 1s}]
                """));
        m.runToEnd();
        // event 10 fails at 10.1, comes back at 11.6 after event 11 was handled at 11.0: one out of order
        assertThat(result(m, "c").get("outOfOrder")).isEqualTo(1);
        assertThat(result(m, "c").get("retries")).isEqualTo(1);
        assertThat(result(m, "c").get("inBackoff")).isCloseTo(1.5 / 100, within(1e-9));

        Model staged = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}]
                consumers:
                  - id: c
                    from: q
                    service: deterministic(100ms)
                    failures: {mode: retry-topics, retry-topics: [5s, 30s], dlq: dlq}
                  - {id: t, from: dlq, service: deterministic(100ms)}
                faults: [{at: 10s, fail: c, for: 45s}]
                """));
        staged.runToEnd();
        assertThat(staged.elements()).extracting(e -> e.id() + ":" + e.kind()).containsExactly("q:queue", "dlq:queue",
                "c:consumer-group", "c-retry-1:retry-stage", "c-retry-2:retry-stage", "t:consumer-group", "p:producer");
        // attempts starting in [10, 55) fail: event k fails at the main line at k + 0.1 for k = 10 … 54;
        // its first retry at k + 5.1 fails for k ≤ 49; its second at k + 35.2 still fails for k ≤ 19
        assertThat(result(staged, "c-retry-1").get("throughput") * 100).isCloseTo(45, within(1e-9));
        assertThat(result(staged, "c-retry-1").get("succeeded")).isEqualTo(5);
        assertThat(result(staged, "c-retry-2").get("succeeded")).isEqualTo(30);
        assertThat(result(staged, "c-retry-1").get("W")).isCloseTo(5.1, within(1e-9));
        assertThat(result(staged, "c-retry-2").get("W")).isCloseTo(30.1, within(1e-9));
        assertThat(result(staged, "c").get("deadLettered")).isEqualTo(10);
        assertThat(result(staged, "c").get("attempts")).isEqualTo(100 + 45 + 40);
    }

    /**
     * A DLQ's reader with retries of its own: the events arrive carrying the 2 attempts they made
     * upstream, and the reader still gets its own 2 attempts (its attempt 1 fails during its outage,
     * its retry 1 s later succeeds) instead of giving up at once.
     */
    @Test
    void aDlqReaderCountsItsOwnAttempts() {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}, {id: dlq, type: queue}, {id: dead, type: queue}]
                consumers:
                  - {id: c, from: q, service: deterministic(100ms), failures: {retries: 1, dlq: dlq}}
                  - {id: ops, from: dlq, service: deterministic(100ms), failures: {retries: 1, backoff: 1s, dlq: dead}}
                faults:
                  - {at: 10s, fail: c, for: 1s}
                  - {at: 10s, fail: ops, for: 600ms}
                """));
        List<ModelEvent.DeadLettered> dead = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.DeadLettered d) {
                dead.add(d);
            }
        });
        m.runToEnd();
        // event 10 fails at c twice (10.0, 10.1) and reaches the DLQ with attempt count 2 at 10.2;
        // ops fails it at 10.2–10.3, retries at 11.3 and succeeds
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).attempts()).isEqualTo(2);
        ElementResult ops = result(m, "ops");
        assertThat(ops.get("attempts")).isEqualTo(2);
        assertThat(ops.get("errors")).isEqualTo(1);
        assertThat(ops.get("retries")).isEqualTo(1);
        assertThat(ops.get("deadLettered")).isZero();
        assertThat(ops.get("throughput") * 100).isCloseTo(1, within(1e-9));
    }
}

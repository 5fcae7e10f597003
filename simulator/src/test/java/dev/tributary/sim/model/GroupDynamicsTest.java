package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.element.ElementResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviours measured on a real Kafka 4.3.1 broker (issue #11): 4 partitions, 4 consumers, 60
 * events/s over 10,000 keys, exponential 40 ms service, auto-commit every 5 s, instance 1 killed at 60 s.
 */
class GroupDynamicsTest {

    private static final String ISSUE = """
            duration: 3m
            seed: %d
            producers: [{id: p, to: s, arrivals: poisson(60/s), keys: uniform(10000)}]
            channels: [{id: s, type: stream, partitions: 4}]
            consumers: [{id: g, from: s, instances: 4, service: exponential(40ms), commit: auto(5s)%s}]
            faults: [{at: 60s, crash: g, instance: 1}]
            """;

    private static ElementResult g(Model m) {
        return m.results().stream().filter(r -> r.id().equals("g")).findFirst().orElseThrow();
    }

    @Test
    void theKilledMembersPartitionWaitsOutTheSessionTimeoutAndWhatItProcessedSinceItsLastCommitComesAgain() {
        for (long seed = 1; seed <= 3; seed++) {
            Model m = new Model(yaml(ISSUE.formatted(seed, "")));
            m.runUntil(60 - 1e-9);
            Map<String, Double> before = m.snapshot().get("g");
            // instance 1 owns partition 0 (range); what it processed beyond its last commit, not counting
            // the record it is handling when it dies (never finished, so read for the first time later)
            double processed = before.get("partition.0.position") - before.get("worker.0");
            double sinceCommit = processed - before.get("partition.0.committed");
            m.runToEnd();
            ElementResult r = g(m);
            assertThat(m.snapshot().get("g").get("ledgerBalanced")).isEqualTo(1.0);
            assertThat(r.get("duplicates")).as("seed %d", seed).isEqualTo(sinceCommit);
            assertThat(r.get("lost")).isZero();
            // its last heartbeat was at 60 s: removed at 105 s; the survivors finish their polls, then 50 ms of sync
            assertThat(r.get("partitions.0.unownedSeconds")).as("seed %d", seed).isBetween(45.05, 45.5);
            // range over three members: one of them owns two partitions at ρ = 30/25 = 1.2 and falls behind
            assertThat(r.get("partitions.0.owner")).isEqualTo(2.0);
            assertThat(r.get("partitions.1.owner")).isEqualTo(2.0);
            assertThat(r.get("partitions.0.lag") + r.get("partitions.1.lag"))
                    .isGreaterThan(3 * (r.get("partitions.2.lag") + r.get("partitions.3.lag")));
            assertThat(r.get("backlog")).isGreaterThan(500); // still growing at the end: about 5/s since 105 s
        }
    }

    @Test
    void withTheConsumerProtocolTheOrphanWaitsForTheNewOwnersNextHeartbeatToo() {
        Model m = new Model(yaml(ISSUE.formatted(1, ", rebalance: consumer")));
        m.runToEnd();
        ElementResult r = g(m);
        // 5 s heartbeats: removed at 105 s, picked up at a survivor's next heartbeat (real broker: 49.9 s)
        assertThat(r.get("partitions.0.unownedSeconds")).isBetween(45.0, 50.0 + 1e-9);
        assertThat(r.get("duplicates")).isPositive();
    }

    @Test
    void atMostOnceLosesAndNeverDuplicatesExactlyOnceDoesNeither() {
        for (long seed = 1; seed <= 5; seed++) {
            ElementResult most = g(run(ISSUE.formatted(seed, "").replace("commit: auto(5s)",
                    "commit: per-batch, delivery: at-most-once")));
            assertThat(most.get("duplicates")).isZero();
            ElementResult exact = g(run(ISSUE.formatted(seed, ", delivery: exactly-once")));
            assertThat(exact.get("duplicates")).isZero();
            assertThat(exact.get("lost")).isZero();
            assertThat(exact.get("deduplicated")).isPositive();
            assertThat(exact.get("outOfOrder")).isZero(); // re-deliveries are dropped: per-key order holds
        }
        // a member killed in the middle of a poll loses what that poll committed and it had not processed
        double lost = 0;
        for (long seed = 1; seed <= 5; seed++) {
            lost += g(run(ISSUE.formatted(seed, "").replace("commit: auto(5s)",
                    "commit: per-batch, delivery: at-most-once"))).get("lost");
        }
        assertThat(lost).isPositive();
    }

    @Test
    void perKeyOrderHoldsAcrossRebalancesExceptForCrashReDeliveries() {
        String scenario = """
                duration: 4m
                producers: [{id: p, to: s, arrivals: poisson(60/s), keys: uniform(200)}]
                channels: [{id: s, type: stream, partitions: 6}]
                consumers: [{id: g, from: s, instances: 3, service: exponential(20ms), commit: auto(5s)%s}]
                faults: [%s]
                """;
        String moves = "{at: 20s, start: g, instance: 4}, {at: 50s, stop: g, instance: 2}, {at: 80s, start: g, instance: 2},"
                + " {at: 110s, stop: g, instance: 3}, {at: 150s, stop: g, instance: 1}";
        for (String protocol : new String[] {"", ", assignment: cooperative-sticky", ", rebalance: consumer"}) {
            ElementResult r = g(run(scenario.formatted(protocol, moves)));
            assertThat(r.get("rebalances")).as(protocol).isGreaterThanOrEqualTo(5);
            assertThat(r.get("outOfOrder")).as(protocol).isZero();
            assertThat(r.get("duplicates") + r.get("lost")).as(protocol).isZero(); // graceful moves commit first
        }
        ElementResult crash = g(run(scenario.formatted("", "{at: 60s, crash: g, instance: 1}")));
        assertThat(crash.get("duplicates")).isPositive();
        assertThat(crash.get("outOfOrder")).isPositive();
    }

    @Test
    void theStreamsTheoryPredictsCommittedLagReDeliveriesOrphanTimeAndTheSurvivorsLoad() {
        dev.tributary.sim.theory.ElementPrediction p = ScenarioTheory.predict(yaml(ISSUE.formatted(1, ""))).get("g");
        Map<String, Object> extra = p.extra();
        double l = p.prediction().L();
        assertThat((Double) extra.get("lag")).isCloseTo(l + 60 * 2.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat((String) extra.get("lagModel")).contains("approximate");
        assertThat((Double) extra.get("duplicatesPerCrash")).isBetween(0.2 * 60 * 2.5, 0.3 * 60 * 2.5);
        assertThat((Double) extra.get("orphanSeconds")).isCloseTo(43.55, org.assertj.core.api.Assertions.within(1e-9));
        // one member gone: range gives a survivor two partitions, about 30/s against 25/s
        assertThat((Double) extra.get("utilizationAfterLosingOne")).isBetween(1.1, 1.3);
        assertThat(extra.get("stableAfterLosingOne")).isEqualTo(false);
    }

    private static Model run(String text) {
        Model m = new Model(yaml(text));
        m.runToEnd();
        assertThat(m.snapshot().get("g").get("ledgerBalanced")).isEqualTo(1.0);
        return m;
    }
}

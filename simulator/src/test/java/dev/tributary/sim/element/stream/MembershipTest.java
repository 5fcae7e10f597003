package dev.tributary.sim.element.stream;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/**
 * Crashes, stops, starts and stuck members, hand-computed. Two partitions filled in turn by a record
 * every 0.5 s (partition 0 at 0.5, 1.5, 2.5 s …; partition 1 at 1, 2, 3 s …), 100 ms of service,
 * two members (instance 1 owns partition 0, instance 2 partition 1), heartbeats every 3 s from 0,
 * session timeout 45 s. Instance 1 auto-commits at 60 s all 60 records of partition 0 before 60 s,
 * processes offsets 60 (at 60.5 s) and 61 (from 61.5 s), and is hit at 61.55 s, in the middle of 61.
 */
class MembershipTest {

    private static Model model(String keys, String fault) {
        Model m = new Model(yaml("""
                duration: 150s
                producers: [{id: p, to: s, arrivals: constant(2/s)}]
                channels: [{id: s, type: stream, partitions: 2, partitioner: round-robin}]
                consumers: [{id: g, from: s, instances: 2, service: deterministic(100ms)%s}]
                faults: [%s]
                """.formatted(keys, fault)));
        m.runToEnd();
        assertThat(m.snapshot().get("g").get("ledgerBalanced")).isEqualTo(1.0);
        return m;
    }

    private static ElementResult run(String keys, String fault) {
        return model(keys, fault).results().stream().filter(r -> r.id().equals("g")).findFirst().orElseThrow();
    }

    private static final String CRASH = "{at: 61.55s, crash: g, instance: 1}";

    @Test
    void aCrashUnderAtLeastOnceReprocessesWhatWasProcessedSinceTheLastCommit() {
        ElementResult r = run(", commit: auto(5s)", CRASH);
        // last heartbeat at 60 s: removed at 105 s; eager: instance 2 is idle, revokes, the group syncs 50 ms later
        assertThat(r.get("rebalances")).isEqualTo(1.0);
        assertThat(r.get("partitions.0.unownedSeconds")).isCloseTo(105.05 - 61.55, within(1e-9));
        assertThat(r.get("partitions.1.unownedSeconds")).isCloseTo(0.05, within(1e-9));
        assertThat(r.get("unownedSeconds")).isCloseTo(43.55, within(1e-9));
        assertThat(r.get("pausedSeconds")).isCloseTo(0.05, within(1e-9));
        // offset 60 was processed and not committed: once more; 61 was abandoned mid-way: read for the first time
        assertThat(r.get("duplicates")).isEqualTo(1.0);
        assertThat(r.get("lost")).isZero();
        assertThat(r.get("partitions.0.owner")).isEqualTo(2.0);
        assertThat(r.get("processedOnce")).isEqualTo(299.0); // every record but the one arriving at the end
        // partition 0's owner over time: removed with instance 1 at 105 s, dealt to instance 2 at the sync
        assertThat(r.get("partitions.0.ownerChanges")).isEqualTo(2.0);
        assertThat(r.get("partitions.0.owners.0.at")).isCloseTo(105, within(1e-9));
        assertThat(r.get("partitions.0.owners.0.instance")).isEqualTo(-1.0);
        assertThat(r.get("partitions.0.owners.1.at")).isCloseTo(105.05, within(1e-9));
        assertThat(r.get("partitions.0.owners.1.instance")).isEqualTo(2.0);
        // partition 1 stays with instance 2, revoked and dealt back by the eager rebalance
        assertThat(r.get("partitions.1.owners.0.instance")).isEqualTo(-1.0);
        assertThat(r.get("partitions.1.owners.1.instance")).isEqualTo(2.0);
    }

    @Test
    void exactlyOnceRecognisesTheReDeliveryAndDropsIt() {
        ElementResult r = run(", commit: auto(5s), delivery: exactly-once", CRASH);
        assertThat(r.get("duplicates")).isZero();
        assertThat(r.get("deduplicated")).isEqualTo(1.0);
        assertThat(r.get("lost")).isZero();
    }

    @Test
    void atMostOnceLosesTheRecordItCommittedBeforeProcessing() {
        ElementResult r = run(", commit: per-batch, delivery: at-most-once", CRASH);
        assertThat(r.get("lost")).isEqualTo(1.0); // offset 61: committed when polled, never finished
        assertThat(r.get("duplicates")).isZero();
        assertThat(r.get("processedOnce")).isEqualTo(298.0);
    }

    @Test
    void aGracefulStopCommitsLeavesAndTheGroupRebalancesAtOnce() {
        ElementResult r = run(", commit: auto(5s)", "{at: 61.55s, stop: g, instance: 1}");
        // instance 1 finishes offset 61 at 61.6 s, commits, leaves; instance 2 (idle) revokes; sync at 61.65 s
        assertThat(r.get("rebalances")).isEqualTo(1.0);
        assertThat(r.get("duplicates")).isZero();
        assertThat(r.get("unownedSeconds")).isCloseTo(0.1, within(1e-9));
        assertThat(r.get("pausedSeconds")).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void cooperativeRebalancingMovesOnlyTheOrphanAndPausesNobody() {
        ElementResult r = run(", commit: auto(5s), assignment: cooperative-sticky", CRASH);
        assertThat(r.get("partitions.0.unownedSeconds")).isCloseTo(105.05 - 61.55, within(1e-9));
        assertThat(r.get("partitions.1.unownedSeconds")).isZero();
        assertThat(r.get("pausedSeconds")).isZero();
        assertThat(r.get("duplicates")).isEqualTo(1.0);
    }

    @Test
    void theConsumerProtocolHandsTheOrphanOverAtTheNewOwnersNextHeartbeat() {
        ElementResult r = run(", commit: auto(5s), rebalance: consumer", CRASH);
        // 5 s heartbeats: last at 60 s, removed at 105 s; instance 2 learns its new partition at its 110 s heartbeat
        assertThat(r.get("partitions.0.unownedSeconds")).isCloseTo(110 - 61.55, within(1e-9));
        assertThat(r.get("duplicates")).isEqualTo(1.0);
    }

    @Test
    void aStaticMemberBackInsideItsSessionKeepsItsPartitionsWithoutARebalance() {
        ElementResult r = run(", commit: auto(5s), static: true", CRASH + ", {at: 80s, start: g, instance: 1}");
        assertThat(r.get("rebalances")).isZero();
        assertThat(r.get("partitions.0.unownedSeconds")).isCloseTo(80 - 61.55, within(1e-9));
        assertThat(r.get("partitions.0.owner")).isEqualTo(1.0);
        assertThat(r.get("duplicates")).isEqualTo(1.0); // it restarts from its last commit
    }

    @Test
    void aStuckMemberIsRemovedAfterMaxPollIntervalAndItsUncommittedWorkComesAgain() {
        ElementResult r = run(", commit: auto(5s), max-poll-interval: 30s", "{at: 61.55s, pause: g, instance: 1, for: 10m}");
        // it finishes offset 61 at 61.6 s, then polls no more: removed at 91.55 s; sync at 91.6 s
        assertThat(r.get("rebalances")).isEqualTo(1.0);
        assertThat(r.get("duplicates")).isEqualTo(2.0); // offsets 60 and 61, processed after the 60 s commit
        assertThat(r.get("partitions.0.unownedSeconds")).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void scalingOutRebalancesAndARestartedDynamicMemberJoinsAsANewOne() {
        ElementResult r = run(", commit: auto(5s)", "{at: 30.25s, start: g, instance: 3}, " + CRASH
                + ", {at: 70.25s, start: g, instance: 1}");
        // joins at 30.25 (rebalance 1), instance 1 restarts at 70.25 as a new member (2), the old one times out (3)
        assertThat(r.get("rebalances")).isEqualTo(3.0);
        assertThat(r.get("duplicates")).isEqualTo(1.0);
    }

    @Test
    void withoutCommitsACrashReDeliversNothing() {
        ElementResult r = run("", CRASH);
        assertThat(r.get("duplicates")).isZero(); // committed as processed: the steady-state model
        assertThat(r.get("lost")).isZero();
        assertThat(r.get("rebalances")).isEqualTo(1.0);
    }

    @Test
    void membershipFaultsAndKeysAreCheckedWhereTheyAreWritten() {
        ScenarioException keys = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("""
                producers: [{id: p, to: s, arrivals: constant(2/s)}]
                channels: [{id: s, type: stream, partitions: 2}]
                consumers:
                  - {id: g, from: s, instances: 2, service: deterministic(100ms), heartbeat: 60s}
                  - {id: h, from: s, service: deterministic(100ms), rebalance: cooperative}
                  - {id: k, from: s, service: deterministic(100ms), rebalance: consumer, assignment: sticky}
                """, "k.yaml"));
        assertThat(keys.getMessage())
                .contains("k.yaml:4:78: consumers[0].heartbeat: expected a heartbeat interval shorter than the session "
                        + "timeout (45s); got 1m")
                .contains("k.yaml:5:64: consumers[1].rebalance: cooperative rebalancing needs an assignor that supports it")
                .contains("k.yaml:6:86: consumers[2].assignment: does not apply with rebalance: consumer");
        ScenarioException faults = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse("""
                duration: 10m
                producers: [{id: p, to: s, arrivals: constant(2/s)}]
                channels: [{id: s, type: stream, partitions: 2}, {id: q, type: queue}]
                consumers:
                  - {id: g, from: s, instances: 2, service: deterministic(100ms)}
                  - {id: w, from: q, service: deterministic(100ms)}
                faults:
                  - {at: 1m, crash: g, instance: 3}
                  - {at: 1m, crash: nobody, instance: 1}
                  - {at: 1m, pause: w, instance: 1}
                  - {at: 1m, pause: g}
                  - {at: 1m, start: g, instance: 1, for: 1m}
                """, "f.yaml"));
        assertThat(faults.getMessage())
                .contains("f.yaml:8:34: faults[0].instance: expected a member of g, from 1 to 2")
                .contains("f.yaml:9:21: faults[1].crash: no consumer group with id 'nobody'")
                .contains("f.yaml:10:21: faults[2].pause: 'w' reads a queue; expected a group reading a stream")
                .contains("faults[3].instance: is missing")
                .contains("faults[4].for: start takes no duration");
    }
}

package dev.tributary.sim.element.stream;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/**
 * Offset commits, hand-computed: one partition, one member, a record every second from t = 1 s,
 * 250 ms of service each, 100 s. The member is idle from k + 0.25 to k + 1.
 */
class CommitTest {

    private static ElementResult run(String consumerKeys) {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: s, arrivals: constant(1/s)}]
                channels: [{id: s, type: stream, partitions: 1}]
                consumers: [{id: g, from: s, service: deterministic(250ms)%s}]
                """.formatted(consumerKeys)));
        m.runToEnd();
        assertThat(m.snapshot().get("g").get("ledgerBalanced")).isEqualTo(1.0);
        return m.results().stream().filter(r -> r.id().equals("g")).findFirst().orElseThrow();
    }

    @Test
    void withoutACommitRuleARecordIsCommittedAsItIsProcessed() {
        ElementResult r = run("");
        // 99 records (the 100th arrives at the end) each 0.25 s in the system: 24.75 record-seconds
        assertThat(r.get("lag")).isCloseTo(0.2475, within(1e-12));
        assertThat(r.get("L")).isEqualTo(r.get("lag"));
        assertThat(r.measured()).doesNotContainKey("duplicates"); // the ledger is reported once commits are modelled
    }

    @Test
    void autoCommitCommitsWhatWasProcessedWhenTheIntervalEnds() {
        ElementResult r = run(", commit: auto(5s)");
        // the idle member commits at 5, 10, …, 95 s (before that instant's arrival): all earlier records.
        // Between commits the lag climbs 1, 2, 3, 4, 5 (one second each): mean 3; the first 5 s: 0..4, mean 2.
        // (10 + 19 × 15) / 100 = 2.95
        assertThat(r.get("lag")).isCloseTo(2.95, within(1e-9));
        assertThat(r.get("L")).isCloseTo(0.2475, within(1e-12)); // L is what it is
        // the last commit, at 100 s (the run's last instant, before the arrival then): records 1..99
        assertThat(r.get("partitions.0.committed")).isEqualTo(99.0);
        assertThat(r.get("processedOnce")).isEqualTo(99.0);
        assertThat(r.get("duplicates")).isZero();
        assertThat(r.get("lost")).isZero();
    }

    @Test
    void perBatchCommitsAtEveryPollWhatThePreviousPollReturned() {
        // each arrival finds the member idle: its poll commits the previous record, then returns the new one
        ElementResult r = run(", commit: per-batch");
        assertThat(r.get("lag")).isCloseTo(0.99, within(1e-9)); // 1 from t = 1 s on
        assertThat(r.get("partitions.0.committed")).isEqualTo(99.0); // the poll at 100 s commits record 99
    }

    @Test
    void perRecordCommitsAfterEachRecordSoTheLagIsL() {
        ElementResult r = run(", commit: per-record");
        assertThat(r.get("lag")).isCloseTo(0.2475, within(1e-12));
        assertThat(r.get("partitions.0.committed")).isEqualTo(99.0);
    }

    @Test
    void atMostOnceCommitsBeforeProcessing() {
        for (String rule : new String[] {"per-batch", "per-record"}) {
            ElementResult r = run(", commit: " + rule + ", delivery: at-most-once");
            assertThat(r.get("lag")).as(rule).isZero(); // committed the moment it is polled
            assertThat(r.get("L")).as(rule).isCloseTo(0.2475, within(1e-12));
        }
    }

    @Test
    void aDeliveryGuaranteeWithoutACommitRuleCommitsPerRecord() {
        ElementResult r = run(", delivery: exactly-once");
        assertThat(r.get("lag")).isCloseTo(0.2475, within(1e-12));
        assertThat(r.get("deduplicated")).isZero();
    }

    @Test
    void commitRulesAreCheckedAndBelongToStreams() {
        String base = """
                producers: [{id: p, to: s, arrivals: constant(1/s)}]
                channels: [{id: s, type: stream}, {id: q, type: queue}]
                consumers:
                  - {id: g, from: s, service: deterministic(1s), commit: auto(0s)}
                  - {id: h, from: s, service: deterministic(1s), commit: per-batch, delivery: twice}
                  - {id: i, from: s, service: deterministic(1s), commit: auto(5s), delivery: at-most-once}
                  - {id: j, from: q, service: deterministic(1s), commit: per-record}
                """;
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.parse(base, "c.yaml"));
        assertThat(e.getMessage())
                .contains("c.yaml:4:58: consumers[0].commit: expected auto(INTERVAL) with an interval above 0")
                .contains("consumers[1].delivery: expected at-most-once, at-least-once or exactly-once; got 'twice'")
                .contains("consumers[2].commit: at-most-once commits each poll before processing it")
                .contains("consumers[3].commit: only applies to a consumer of a stream");
    }
}

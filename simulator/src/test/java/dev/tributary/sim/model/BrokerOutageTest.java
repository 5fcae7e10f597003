package dev.tributary.sim.model;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.observe.ModelEvent;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.tributary.sim.format.ScenarioException;
import dev.tributary.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/**
 * Broker outages on small deterministic scenarios counted by hand: constant(1/s) arrivals at 1, 2,
 * 3 … s into one partition led by broker-1 (the first stream's first partition: (0 + 0) mod N),
 * service 100 ms, broker-1 down from 10.5 s for 5 s.
 */
class BrokerOutageTest {

    private static String scenario(String brokers, String replication, String producerExtra, String groupExtra) {
        return """
                duration: 20.5s
                brokers: %s
                producers: [{id: p, to: log, arrivals: constant(1/s)%s}]
                channels: [{id: log, type: stream%s}]
                consumers: [{id: g, from: log, service: deterministic(100ms)%s}]
                faults: [{at: 10.5s, down: broker-1, for: 5s}]
                """.formatted(brokers, producerExtra, replication, groupExtra);
    }

    /**
     * No replica: the partition has no leader from 10.5 s to 15.5 s. Records 11, 12, 13 wait in the
     * producer's buffer of 3; 14 and 15 find it full and fail. At 15.5 they are appended in order and
     * handled by 15.8 (a drain of 0.3 s from the backlog of 3; predicted 3 / (10 − 1) = 0.333 s).
     */
    @Test
    void withoutAReplicaThePartitionWaitsForItsBroker() {
        Scenario s = yaml(scenario("{count: 2, failover: 10s}", "", ", buffer: 3", ""));
        Model m = new Model(s);
        List<String> seen = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.BrokerChanged b) {
                seen.add(b.time() + " broker " + b.broker() + (b.up() ? " up" : " down"));
            } else if (e instanceof ModelEvent.LeaderChanged l) {
                seen.add(l.time() + " leader " + l.broker());
            }
        });
        m.runToEnd();
        assertThat(seen).containsExactly("10.5 broker 0 down", "10.5 leader -1", "15.5 broker 0 up", "15.5 leader 0");
        ElementResult p = FailureModelTest.result(m, "p");
        assertThat(p.get("produced")).isEqualTo(20);
        assertThat(p.get("failed")).isEqualTo(2);
        assertThat(p.get("buffered")).isEqualTo(3);
        assertThat(p.get("bufferedAtEnd")).isEqualTo(0);
        ElementResult log = FailureModelTest.result(m, "log");
        assertThat(log.get("unavailableSeconds")).isEqualTo(5.0);
        assertThat(log.get("partitions.0.unavailableSeconds")).isEqualTo(5.0);
        assertThat(log.get("partitions.0.leader")).isEqualTo(1.0);
        assertThat(log.get("failed")).isEqualTo(2);
        ElementResult g = FailureModelTest.result(m, "g");
        assertThat(g.get("throughput") * 20.5).isCloseTo(18, within(1e-9));
        assertThat(g.get("drains.0.at")).isEqualTo(15.5);
        assertThat(g.get("drains.0.backlog")).isEqualTo(3);
        assertThat(g.get("drains.0.seconds")).isCloseTo(0.3, within(1e-9));
        Map<String, Object> predicted = DrainTest.drainBlock(s, g, 0);
        assertThat((double) predicted.get("perPartition")).isCloseTo(3 / 9.0, within(1e-12));
    }

    /**
     * Replication 2: broker-2 takes over 2 s after the outage began. Records 11 and 12 waited and are
     * appended at 12.5; 2 s unavailable; broker-2 still leads at the end (no preferred-leader election).
     * Drain marks at 12.5 (backlog 2, drained 0.2 s later) and at 15.5 (nothing left: 0 s).
     */
    @Test
    void aReplicaTakesOverAfterTheFailover() {
        Scenario s = yaml(scenario("{count: 2, failover: 2s}", ", replication: 2", "", ""));
        Model m = new Model(s);
        m.runToEnd();
        ElementResult p = FailureModelTest.result(m, "p");
        assertThat(p.get("failed")).isZero();
        assertThat(p.get("buffered")).isEqualTo(2);
        ElementResult log = FailureModelTest.result(m, "log");
        assertThat(log.get("unavailableSeconds")).isEqualTo(2.0);
        assertThat(log.get("partitions.0.leader")).isEqualTo(2.0);
        ElementResult g = FailureModelTest.result(m, "g");
        assertThat(g.get("throughput") * 20.5).isCloseTo(20, within(1e-9));
        assertThat(g.get("drains.0.at")).isEqualTo(12.5);
        assertThat(g.get("drains.0.backlog")).isEqualTo(2);
        assertThat(g.get("drains.0.seconds")).isCloseTo(0.2, within(1e-9));
        assertThat(g.get("drains.1.at")).isEqualTo(15.5);
        assertThat(g.get("drains.1.seconds")).isEqualTo(0.0);
    }

    /**
     * Delivery timeout 3 s, room enough: 11 … 15 wait. Record 11 is 4 s old when 15 comes (it fails
     * then); at 15.5, 12 is 3.5 s old and fails, 13, 14 and 15 are appended. At most 4 held at once.
     */
    @Test
    void heldRecordsFailPastTheDeliveryTimeout() {
        Model m = new Model(yaml(scenario("{count: 1}", "", ", delivery-timeout: 3s", "")));
        m.runToEnd();
        ElementResult p = FailureModelTest.result(m, "p");
        assertThat(p.get("failed")).isEqualTo(2);
        assertThat(p.get("buffered")).isEqualTo(4);
        ElementResult g = FailureModelTest.result(m, "g");
        assertThat(g.get("throughput") * 20.5).isCloseTo(18, within(1e-9));
    }

    /**
     * Consumers stall: a group that starts at 12 s (from the earliest offset) finds its partition
     * without a leader and fetches nothing until 15.5 s, when it takes record 1 first.
     */
    @Test
    void consumersOfAnUnavailablePartitionStall() {
        Model m = new Model(yaml(scenario("{count: 1}", "", "", ", start: 12s")));
        List<Double> fetches = new ArrayList<>();
        m.setObserver(e -> {
            if (e instanceof ModelEvent.Moved mv && mv.from() == 0 && mv.to() == 1) {
                fetches.add(mv.time());
            }
        });
        m.runToEnd();
        assertThat(fetches.get(0)).isEqualTo(15.5);
        // 11 … 15 waited in the producer's buffer and are appended at 15.5; from 15.5 the group handles
        // 1 … 15, then 16 (appended at 16) at 17.0, and 17 … 20 as they come: all 20 by 20.1
        assertThat(fetches).hasSize(20);
        assertThat(fetches.get(15)).isCloseTo(17.0, within(1e-9));
        assertThat(FailureModelTest.result(m, "g").get("throughput") * 20.5).isCloseTo(20, within(1e-9));
    }

    private static String problems(String yaml) {
        ScenarioException e = org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioException.class,
                () -> ScenarioReader.parse(yaml, "b.yaml"));
        assertThat(e).as("expected problems in:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    /** Brokers, replication, down and buffers: every mistake located, saying what was expected. */
    @Test
    void mistakesAreLocated() {
        assertThat(problems("""
                brokers: {count: 2}
                producers: [{id: p, to: log, arrivals: poisson(1/s), buffer: -1}]
                channels: [{id: log, type: stream, replication: 3}]
                faults: [{at: 1s, down: broker-5}]
                """))
                .contains("b.yaml:2:62: producers[0].buffer: expected a record count from 0 to 10000000; got -1")
                .contains("b.yaml:3:49: channels[log].replication: expected at most the broker count (2)")
                .contains("b.yaml:4:25: faults[0].down: no broker with id 'broker-5' (did you mean 'broker-1'?); the brokers are:"
                        + " broker-1, broker-2");
        assertThat(problems("""
                producers: [{id: p, to: log, arrivals: poisson(1/s)}]
                channels: [{id: log, type: stream, replication: 2}]
                faults: [{at: 1s, down: broker-1, for: 1m}]
                """))
                .contains("channels[log].replication: expected 1 without brokers; got 2: add a top-level brokers: {count: N}")
                .contains("faults[0].down: the scenario has no brokers; expected a top-level brokers: {count: N}");
        assertThat(problems("""
                brokers: {cont: 3, failover: soon}
                producers: [{id: p, to: log, arrivals: poisson(1/s)}]
                channels: [{id: log, type: stream}]
                """))
                .contains("brokers.cont")
                .contains("brokers.failover: expected a duration");
        assertThat(problems("""
                brokers: {count: 0}
                producers: [{id: p, to: log, arrivals: poisson(1/s)}]
                channels: [{id: log, type: stream}]
                """)).contains("b.yaml:1:18: brokers.count: expected a broker count from 1 to 1000; got 0");
    }

    /**
     * Three brokers, 6 partitions × 2 replicas: Kafka's placement gives [1,2] [2,3] [3,1] [1,3] [2,1]
     * [3,2] (broker numbers, leader first). broker-1 is down 10–40 s, broker-2 20–50 s, failover 5 s:
     * p0 fails over to broker-2 at 15, loses it at 20 and waits for broker-1 at 40 (5 + 20 s); p3 fails
     * over to broker-3 (5 s); p1 to broker-3 at 25 (5 s); p4's replicas are both down from 20 to 40
     * (20 s). The run measures exactly what the prediction replays.
     */
    @Test
    void overlappingOutagesAsReplayedByTheTheory() {
        Scenario s = yaml("""
                duration: 60s
                brokers: {count: 3, failover: 5s}
                producers: [{id: p, to: log, arrivals: poisson(20/s), keys: uniform(100)}]
                channels: [{id: log, type: stream, partitions: 6, replication: 2}]
                consumers: [{id: g, from: log, instances: 3, service: exponential(10ms)}]
                faults:
                  - {at: 10s, down: broker-1, for: 30s}
                  - {at: 20s, down: broker-2, for: 30s}
                """);
        Model m = new Model(s);
        m.runToEnd();
        ElementResult log = FailureModelTest.result(m, "log");
        double[] expected = {25, 5, 0, 5, 20, 0};
        Map<String, Object> predicted = ScenarioTheory.reportBlocks(s).get("log");
        for (int p = 0; p < 6; p++) {
            assertThat(log.get("partitions." + p + ".unavailableSeconds")).as("p" + p).isCloseTo(expected[p], within(1e-9));
            assertThat(ElementReportNumbers.at(predicted, "partitions." + p + ".unavailableSeconds")).as("predicted p" + p)
                    .isCloseTo(expected[p], within(1e-9));
        }
        assertThat(log.get("unavailableSeconds")).isCloseTo(55, within(1e-9));
        assertThat((double) predicted.get("unavailableSeconds")).isCloseTo(55, within(1e-9));
        assertThat(log.get("partitions.0.leader")).isEqualTo(1.0); // broker-1 came back first for p0
        assertThat(log.get("partitions.4.leader")).isEqualTo(1.0);
        assertThat(log.get("partitions.1.leader")).isEqualTo(3.0);
    }

    /** Dotted access into a predicted block. */
    private static final class ElementReportNumbers {
        static double at(Map<String, ?> block, String dotted) {
            return dev.tributary.sim.report.ElementReport.numberAt(block, dotted);
        }
    }
}

package dev.tributary.sim.model;

import dev.tributary.sim.observe.ModelEvent;

import dev.tributary.sim.element.ElementResult;
import dev.tributary.sim.element.ElementInfo;
import dev.tributary.sim.element.stream.Assignment;

import static dev.tributary.sim.TestScenarios.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.sim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small deterministic scenarios with exact expected counts. */
class ModelTest {

    static ElementResult result(Model m, String id) {
        return m.results().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void constantArrivalsAndDeterministicServiceGiveExactFigures() {
        // one arrival every 2 s (first at t = 2), 1 s of service: never a wait, busy half the time
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(0.5/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(1s)}]
                """));
        m.runToEnd();
        ElementResult q = result(m, "q");
        assertThat(q.get("arrivalRate")).isEqualTo(0.5);  // 50 arrivals in 100 s
        assertThat(q.get("throughput")).isEqualTo(0.49);  // the one at t = 100 finishes at 101: not counted
        assertThat(result(m, "p").get("produced")).isEqualTo(50.0);
        assertThat(q.get("Wq")).isEqualTo(0.0);
        assertThat(q.get("W")).isEqualTo(1.0);
        assertThat(q.get("utilization")).isCloseTo(0.49, within(1e-12)); // busy 2–3, 4–5, …, 98–99, 100–100
        assertThat(q.get("L")).isCloseTo(0.49, within(1e-12));
        // Little's law, exactly: L = λ W
        assertThat(q.get("L")).isCloseTo(q.get("throughput") * q.get("W"), within(1e-12));
        // events: 50 arrivals + 49 completions + 500 samples
        assertThat(m.events()).isEqualTo(50 + 49 + Scenario.DEFAULT_SAMPLES);
    }

    @Test
    void queueingBuildsUpExactlyWhenServiceIsSlowerThanArrivals() {
        // arrivals every 1 s, service 1.5 s, one worker: by t = 10.5 the 10th waits 4.5 s
        Model m = new Model(yaml("""
                duration: 30s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(1.5s)}]
                """));
        m.runToEnd();
        ElementResult c = result(m, "c");
        // completions at 2.5, 4, 5.5, ..., 2.5 + 1.5k <= 30 → k = 0..18: 19 done
        assertThat(c.get("throughput") * 30).isCloseTo(19.0, within(1e-9));
        // waits: 0, 0.5, 1.0, ... 9.0 → mean 4.5
        assertThat(c.get("Wq")).isCloseTo(4.5, within(1e-9));
        assertThat(c.get("outOfOrder")).isZero();
    }

    @Test
    void topicGivesEveryGroupItsOwnCopy() {
        Model m = new Model(yaml("""
                duration: 1h
                producers: [{id: p, to: t, arrivals: poisson(2/s), keys: uniform(50)}]
                channels: [{id: t, type: topic}]
                consumers:
                  - {id: a, from: t, service: exponential(100ms)}
                  - {id: b, from: t, instances: 3, service: exponential(1s)}
                  - {id: c, from: t, service: deterministic(10ms)}
                """));
        m.runUntil(3600);
        long published = (long) result(m, "t").get("published");
        assertThat(published).isGreaterThan(6000);
        // every group received every event: handled + still queued or in service = published
        Map<String, Map<String, Double>> snap = m.snapshot();
        for (String g : List.of("a", "b", "c")) {
            double done = snap.get(g).get("completions");
            double busy = snap.get(g).get("busy");
            int sub = List.of("a", "b", "c").indexOf(g);
            double queued = snap.get("t").get("subscription." + sub + ".queued");
            assertThat(done + busy + queued).as(g).isEqualTo((double) published);
        }
    }

    @Test
    void streamKeepsPerKeyOrderWhileASharedQueueDoesNot() {
        String common = """
                duration: 1h
                producers: [{id: p, to: x, arrivals: poisson(3/s), keys: uniform(20)}]
                consumers: [{id: g, from: x, instances: 4, service: exponential(1s)}]
                """;
        Model stream = new Model(yaml(common + "channels: [{id: x, type: stream, partitions: 4}]\n"));
        stream.runToEnd();
        Model queue = new Model(yaml(common + "channels: [{id: x, type: queue}]\n"));
        queue.runToEnd();
        assertThat(result(stream, "g").get("outOfOrder")).isZero();
        assertThat(result(stream, "g").get("throughput")).isGreaterThan(2.5);
        assertThat(result(queue, "g").get("outOfOrder")).isGreaterThan(100);
    }

    @Test
    void onePartitionKeepsGlobalOrder() {
        Model m = new Model(yaml("""
                duration: 30m
                producers: [{id: p, to: x, arrivals: poisson(3/s), keys: uniform(5)}]
                channels: [{id: x, type: stream, partitions: 1}]
                consumers: [{id: g, from: x, instances: 3, service: exponential(100ms)}]
                """));
        m.runToEnd();
        assertThat(result(m, "g").get("outOfOrder")).isZero();
        assertThat(result(m, "g").get("activeMembers")).isEqualTo(1.0);
    }

    @Test
    void consumersBeyondThePartitionCountStayIdle() {
        Model m = new Model(yaml("""
                duration: 1h
                producers: [{id: p, to: x, arrivals: poisson(6/s), keys: uniform(300)}]
                channels: [{id: x, type: stream, partitions: 3}]
                consumers: [{id: g, from: x, instances: 5, service: exponential(200ms)}]
                """));
        m.runToEnd();
        assertThat(result(m, "g").get("activeMembers")).isEqualTo(3.0);
        Map<String, Double> snap = m.snapshot().get("g");
        // range assignment: members 0, 1, 2 own partitions 0, 1, 2; members 3 and 4 never work
        assertThat(snap.get("partition.0.owner")).isEqualTo(0.0);
        assertThat(snap.get("partition.2.owner")).isEqualTo(2.0);
        // with 3 of 5 members busy at most, utilization ≤ 3/5
        assertThat(result(m, "g").get("utilization")).isLessThan(0.6);
    }

    @Test
    void rangeAndRoundRobinAssignmentsMatchKafka() {
        int[][] range = Assignment.RANGE.assign(7, 3);
        assertThat(range).isDeepEqualTo(new int[][] {{0, 1, 2}, {3, 4}, {5, 6}});
        int[][] rr = Assignment.ROUND_ROBIN.assign(7, 3);
        assertThat(rr).isDeepEqualTo(new int[][] {{0, 3, 6}, {1, 4}, {2, 5}});
        assertThat(Assignment.RANGE.assign(2, 4))
                .isDeepEqualTo(new int[][] {{0}, {1}, {}, {}});
    }

    @Test
    void stickyAssignmentsOwnPartitionsAsKafkaDealsThemAndTwelveMembersSortAsNumbers() {
        Model m = new Model(yaml("""
                duration: 1m
                producers: [{id: p, to: x, arrivals: poisson(6/s), keys: uniform(300)}]
                channels: [{id: x, type: stream, partitions: 6}]
                consumers: [{id: g, from: x, instances: 4, service: exponential(50ms), assignment: cooperative-sticky}]
                """));
        m.runToEnd();
        Map<String, Double> snap = m.snapshot().get("g");
        double[] owners = new double[6];
        for (int p = 0; p < 6; p++) {
            owners[p] = snap.get("partition." + p + ".owner");
        }
        assertThat(owners).containsExactly(0, 1, 2, 3, 0, 1); // c1=[0,4] c2=[1,5] c3=[2] c4=[3]
        // member ids are zero-padded, so member 10 sorts after member 9 as in the old index order
        assertThat(Assignment.RANGE.assign(12, 12)[9]).containsExactly(9);
    }

    @Test
    void lagIsLogEndMinusCommittedPerPartition() {
        Model m = new Model(yaml("""
                duration: 10m
                producers: [{id: p, to: x, arrivals: poisson(10/s), keys: uniform(100)}]
                channels: [{id: x, type: stream, partitions: 2}]
                consumers: [{id: g, from: x, instances: 2, service: exponential(150ms)}]
                """));
        m.runUntil(300);
        Map<String, Double> x = m.snapshot().get("x");
        Map<String, Double> g = m.snapshot().get("g");
        double lag = 0;
        for (int p = 0; p < 2; p++) {
            lag += x.get("partition." + p + ".end") - g.get("partition." + p + ".committed");
        }
        assertThat(g.get("lag")).isEqualTo(lag);
        assertThat(lag).isPositive(); // ρ = 0.75 per member: a backlog is all but certain at any instant
    }

    @Test
    void aLateGroupReplaysFromTheEarliestOffset() {
        Model m = new Model(yaml("""
                duration: 2h
                producers: [{id: p, to: x, arrivals: poisson(5/s), keys: uniform(100)}]
                channels: [{id: x, type: stream, partitions: 2}]
                consumers:
                  - {id: live, from: x, instances: 2, service: exponential(100ms)}
                  - {id: audit, from: x, instances: 2, offset: earliest, start: 30m, service: exponential(100ms)}
                  - {id: tail, from: x, instances: 2, offset: latest, start: 30m, service: exponential(100ms)}
                """));
        m.runToEnd();
        double appended = m.snapshot().get("x").get("partition.0.end") + m.snapshot().get("x").get("partition.1.end");
        double audit = m.snapshot().get("audit").get("completions");
        double tail = m.snapshot().get("tail").get("completions");
        // the replaying group catches up with (nearly) the whole log; the one starting at latest skips 30 min
        assertThat(audit).isGreaterThan(appended - 50);
        assertThat(tail).isLessThan(appended - 7000);
        assertThat(result(m, "audit").get("lagMax")).isGreaterThan(8000);
    }

    @Test
    void retentionDeletesUnreadRecordsAndCountsThem() {
        Model m = new Model(yaml("""
                duration: 1h
                producers: [{id: p, to: x, arrivals: constant(10/s)}]
                channels: [{id: x, type: stream, partitions: 1, retention: 1m}]
                consumers: [{id: slow, from: x, service: deterministic(1s)}]
                """));
        m.runToEnd();
        // 1 record/s handled, 10/s arriving, only one minute kept: most expire unread
        assertThat(result(m, "slow").get("expired")).isGreaterThan(30_000);
        assertThat(result(m, "x").get("retained")).isBetween(590.0, 601.0);
    }

    @Test
    void boundedQueueRejectsBlocksOrDropsOldest() {
        String tpl = """
                duration: 1h
                producers: [{id: p, to: q, arrivals: poisson(4/s)}]
                channels: [{id: q, type: queue, capacity: 3, overflow: %s}]
                consumers: [{id: c, from: q, instances: 1, service: exponential(1s)}]
                """;
        Model reject = new Model(yaml(tpl.formatted("reject")));
        reject.runToEnd();
        ElementResult r = result(reject, "q");
        assertThat(r.get("rejected")).isGreaterThan(5000);
        assertThat(r.get("maxQueue")).isEqualTo(3.0);
        assertThat(r.get("L")).isLessThanOrEqualTo(4.0);

        Model block = new Model(yaml(tpl.formatted("block")));
        block.runToEnd();
        assertThat(result(block, "q").get("rejected")).isZero();
        assertThat(result(block, "p").get("blockedFraction")).isGreaterThan(0.5);
        assertThat(result(block, "q").get("maxQueue")).isEqualTo(3.0);

        Model drop = new Model(yaml(tpl.formatted("drop-oldest")));
        drop.runToEnd();
        assertThat(result(drop, "q").get("dropped")).isGreaterThan(5000);
        assertThat(result(drop, "q").get("rejected")).isZero();
    }

    @Test
    void aBlockingQueueWithNoWaitingRoomHandsOverWhenAWorkerFrees() {
        // capacity 0 + block: the producer waits for a free worker, never loses an event
        Model m = new Model(yaml("""
                duration: 1h
                producers: [{id: p, to: q, arrivals: poisson(3/s)}]
                channels: [{id: q, type: queue, capacity: 0, overflow: block}]
                consumers: [{id: c, from: q, instances: 2, service: exponential(1s)}]
                """));
        m.runToEnd();
        assertThat(result(m, "q").get("rejected")).isZero();
        // a four-state Markov chain (0, 1, 2 busy; 2 busy with the producer holding one): balance gives
        // p = (1, 3, 4.5, 6.75) / 15.25, throughput = (p1 + 2(p2 + pB)) = 25.5/15.25 = 1.672/s and
        // blocked fraction pB = 0.4426; one hour carries ~6000 events: ±0.05 and ±0.03 are > 3 SE
        assertThat(result(m, "c").get("throughput")).isCloseTo(25.5 / 15.25, within(0.05));
        assertThat(result(m, "p").get("blockedFraction")).isCloseTo(6.75 / 15.25, within(0.03));
    }

    @Test
    void routerSendsByTypeThenProbabilityThenDefault() {
        Model m = new Model(yaml("""
                duration: 2h
                producers: [{id: p, to: r, arrivals: poisson(10/s), types: {a: 0.25, b: 0.75}, keys: uniform(100)}]
                channels:
                  - id: r
                    type: router
                    routes: [{type: a, to: qa}, {probability: 0.5, to: qb}, {keys: 0..9, to: qk}]
                    default: qd
                  - {id: qa, type: queue}
                  - {id: qb, type: queue}
                  - {id: qk, type: queue}
                  - {id: qd, type: queue}
                """));
        m.runToEnd();
        ElementResult r = result(m, "r");
        // n ≈ 72,000: shares within 0.01 are > 5 standard errors
        assertThat(r.get("routes.0.share")).isCloseTo(0.25, within(0.01));
        assertThat(r.get("routes.1.share")).isCloseTo(0.375, within(0.01));
        assertThat(r.get("routes.2.share")).isCloseTo(0.0375, within(0.005));
        assertThat(r.get("default.share")).isCloseTo(0.3375, within(0.01));
    }

    @Test
    void pipelineStagesFeedEachOtherAndEndToEndAddsUp() {
        Model m = new Model(yaml("""
                duration: 2h
                warmup: 10m
                producers: [{id: p, to: a, arrivals: poisson(2/s)}]
                channels: [{id: a, type: queue}, {id: b, type: queue}]
                consumers:
                  - {id: s1, from: a, service: exponential(200ms), emits: [{to: b}]}
                  - {id: s2, from: b, service: exponential(300ms)}
                """));
        m.runToEnd();
        ElementResult s1 = result(m, "s1");
        ElementResult s2 = result(m, "s2");
        assertThat(s2.get("throughput")).isCloseTo(s1.get("throughput"), within(0.01));
        // end-to-end median exceeds the second stage's own median sojourn
        assertThat(s2.get("endToEnd.p50")).isGreaterThan(s2.get("latency.p50"));
    }

    @Test
    void sameSeedSameNumbersAndOtherElementsDoNotShiftAProducersArrivals() {
        Scenario a = yaml("""
                duration: 30m
                producers: [{id: p, to: q, arrivals: poisson(3/s), keys: "zipf(100, 1.0)"}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, instances: 2, service: exponential(500ms)}]
                """);
        Model m1 = new Model(a);
        m1.runToEnd();
        Model m2 = new Model(a);
        m2.runToEnd();
        assertThat(m1.results()).isEqualTo(m2.results());
        assertThat(m1.events()).isEqualTo(m2.events());

        // another producer and another group elsewhere leave p's arrivals untouched (common random numbers)
        Scenario b = yaml("""
                duration: 30m
                producers:
                  - {id: other, to: q2, arrivals: poisson(7/s)}
                  - {id: p, to: q, arrivals: poisson(3/s), keys: "zipf(100, 1.0)"}
                channels: [{id: q2, type: queue}, {id: q, type: queue}]
                consumers:
                  - {id: d, from: q2, service: exponential(50ms)}
                  - {id: c, from: q, instances: 2, service: exponential(500ms)}
                """);
        Model m3 = new Model(b);
        m3.runToEnd();
        assertThat(result(m3, "p").get("produced")).isEqualTo(result(m1, "p").get("produced"));
        assertThat(result(m3, "q").measured()).isEqualTo(result(m1, "q").measured());
    }

    @Test
    void stepExecutesOneEventAtATime() {
        Model m = new Model(yaml("""
                duration: 1m
                producers: [{id: p, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: exponential(1s)}]
                """));
        assertThat(m.step()).isTrue();
        assertThat(m.events()).isEqualTo(1);
        m.runToEnd();
        assertThat(m.finished()).isTrue();
        assertThat(m.step()).isFalse();
    }

    @Test
    void flowListenerSeesEveryHop() {
        Model m = new Model(yaml("""
                duration: 100s
                producers: [{id: p, to: q, arrivals: constant(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: deterministic(100ms)}]
                """));
        int[] hops = new int[2];
        m.setObserver(e -> {
            if (e instanceof ModelEvent.Moved mv) {
                hops[mv.from() == 2 ? 0 : 1]++;
            }
        });
        m.runToEnd();
        assertThat(m.elements()).extracting(ElementInfo::kind).containsExactly("queue", "consumer-group", "producer");
        assertThat(hops[0]).isEqualTo(100); // producer → queue
        assertThat(hops[1]).isEqualTo(100); // queue → group
    }

    @Test
    void scheduledAndBurstyArrivalsKeepTheirMeanRates() {
        Model sched = new Model(yaml("""
                duration: 2h
                producers: [{id: p, to: q, arrivals: "schedule(0s=2/s, 1h=6/s)"}]
                channels: [{id: q, type: queue}]
                """));
        sched.runToEnd();
        // mean rate 4/s over 7200 s: 28,800 expected, sd ≈ 170; 5 sd = 850
        assertThat(result(sched, "p").get("produced")).isBetween(27_950.0, 29_650.0);
        Model bursty = new Model(yaml("""
                duration: 20h
                producers: [{id: p, to: q, arrivals: "onoff(12/s, 20s, 40s)"}]
                channels: [{id: q, type: queue}]
                """));
        bursty.runToEnd();
        // mean rate 12 · 20/60 = 4/s; the on-off cycles dominate the variance: 1200 cycles of 60 s,
        // each carrying 240 ± ~340 events, give a standard error of about 2.6% of the mean; allow 10%
        assertThat(result(bursty, "p").get("throughput")).isCloseTo(4.0, within(0.4));
    }

    @Test
    void aGrowingSampleIntervalKeepsTheSeriesShortAndChangesNoStatistic() {
        String text = """
                duration: 100000s
                sample: 1s
                producers: [{id: p, to: q, arrivals: poisson(1/s)}]
                channels: [{id: q, type: queue}]
                consumers: [{id: c, from: q, service: exponential(0.5s)}]
                """;
        Model fixed = new Model(yaml(text));
        fixed.runToEnd();
        Model growing = new Model(yaml(text));
        growing.growSampleInterval(100);
        growing.runToEnd();
        var times = growing.series("c").get("L").times();
        // 1 s apart up to t = 100, then 2 s apart up to 200, 4 s up to 400, ...: about 100 + 50 per doubling
        assertThat(times[0]).isEqualTo(1.0);
        assertThat(times[99]).isEqualTo(100.0);
        assertThat(times[100]).isEqualTo(102.0);
        assertThat(times.length).isBetween(100 + 50 * 9, 100 + 50 * 11);
        for (int i = 1; i < times.length; i++) {
            double gap = times[i] - times[i - 1];
            assertThat(gap).isLessThanOrEqualTo(Math.max(1.0, times[i] / 50) + 1e-9);
        }
        assertThat(fixed.series("c").get("L").size()).isEqualTo(100_000);
        // the samples are the model's own events, but no statistic depends on when they are taken
        assertThat(result(growing, "c").measured()).isEqualTo(result(fixed, "c").measured());
        assertThat(result(growing, "q").measured()).isEqualTo(result(fixed, "q").measured());
    }

    @Test
    void queueAndTopicGroupsShowEachWorkerBusyOrIdleInTheirOwnSnapshot() {
        Model m = new Model(yaml("""
                duration: 1h
                producers:
                  - {id: p, to: q, arrivals: poisson(3/s)}
                  - {id: p2, to: t, arrivals: poisson(3/s)}
                channels: [{id: q, type: queue}, {id: t, type: topic}]
                consumers:
                  - {id: a, from: q, instances: 2, service: exponential(1s)}
                  - {id: b, from: q, instances: 3, service: exponential(1s)}
                  - {id: s, from: t, instances: 4, service: exponential(1s)}
                """));
        m.runUntil(600);
        Map<String, Map<String, Double>> snap = m.snapshot();
        for (String g : List.of("a", "b", "s")) {
            Map<String, Double> st = snap.get(g);
            int instances = (int) (double) st.get("instances");
            double busy = 0;
            for (int w = 0; w < instances; w++) {
                busy += st.get("worker." + w);
            }
            assertThat(st).doesNotContainKey("worker." + instances);
            assertThat(busy).as(g).isEqualTo(st.get("busy"));
        }
        // a topic subscription also shows its own line
        assertThat(snap.get("s").get("queued")).isEqualTo(snap.get("t").get("subscription.0.queued"));
    }
}

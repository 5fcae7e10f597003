package dev.tributary.sim.element.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.sim.distribution.Deterministic;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.engine.Engine;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A partition log holds what some group may still read, and forgets the rest. */
class PartitionLogTest {

    private static StreamChannel stream(Engine engine, double retention, double horizon, ConsumerSpec... groups) {
        Context ctx = new Context(engine, 1, 10, horizon);
        StreamSpec spec = new StreamSpec("s", 1, StreamSpec.Partitioner.ROUND_ROBIN, retention, 100);
        StreamChannel ch = (StreamChannel) spec.build(0, ctx);
        int i = 1;
        for (ConsumerSpec g : groups) {
            spec.subscribe(g, ch, i++, ctx, null).start();
        }
        return ch;
    }

    private static ConsumerSpec group(String id, double service, double start, String offset) {
        return new ConsumerSpec(id, "s", 1, new Deterministic(service), List.of(), start,
                new StreamOptions(Assignment.RANGE, offset));
    }

    /** Appends one record every second from t = 1 to t = n. */
    private static void produce(Engine e, StreamChannel ch, int n) {
        Messages m = new Messages(1);
        for (int k = 1; k <= n; k++) {
            final long id = k;
            e.scheduleAt(k, (kind, arg) -> {
                m.set(0, e.now(), e.now(), -1, 0, id);
                ch.offer(m, 0, null);
            }, 0, 0);
        }
    }

    @Test
    void theRingGrowsAcrossAWrappedHeadKeepingOffsetsAndFields() {
        long[] ends = new long[3];
        PartitionLog log = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 2, new Messages(3 * PartitionLog.SLICE));
        Messages m = new Messages(1);
        long next = 0; // offsets appended so far; record k has id 1000 + k and was appended at time k
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3 + 4 * round; i++, next++) { // more each round: the ring wraps, then doubles
                m.set(0, 0, next / 2.0, (int) (next % 7), 0, 1000 + next);
                log.append(m, 0, next);
            }
            log.forgetBefore(next - 2 - round); // keep the last 2 + round records
            assertThat(log.endOffset()).isEqualTo(next).isEqualTo(ends[2]);
            assertThat(ends[0]).isZero();
            assertThat(log.base()).isEqualTo(next - 2 - round);
            assertThat(log.held()).isEqualTo(2 + round);
            for (long o = log.base(); o < next; o++) {
                int slot = log.slotOf(o);
                assertThat(log.store().id(slot)).isEqualTo(1000 + o);
                assertThat(log.store().enqueued(slot)).isEqualTo(o);
                assertThat(log.store().origin(slot)).isEqualTo(o / 2.0);
                assertThat(log.store().key(slot)).isEqualTo((int) (o % 7));
            }
        }
    }

    /** Appends the record with id {@code id} (appended at time {@code id}, key id % 7) to {@code log}. */
    private static void appendRecord(PartitionLog log, long id) {
        Messages m = new Messages(1);
        m.set(0, 0, id / 2.0, (int) (id % 7), 0, id);
        log.append(m, 0, id);
    }

    private static void assertHolds(PartitionLog log, long from, long to) {
        assertThat(log.base()).isEqualTo(from);
        assertThat(log.held()).isEqualTo((int) (to - from));
        for (long o = from; o < to; o++) {
            int slot = log.slotOf(o);
            assertThat(log.store().id(slot)).isEqualTo(o);
            assertThat(log.store().enqueued(slot)).isEqualTo(o);
            assertThat(log.store().key(slot)).isEqualTo((int) (o % 7));
        }
    }

    @Test
    void partitionsShareOneStoreEachInItsOwnSliceWrappingInsideIt() {
        long[] ends = new long[3];
        Messages shared = new Messages(3 * PartitionLog.SLICE);
        PartitionLog p0 = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 0, shared);
        PartitionLog p1 = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 1, shared);
        PartitionLog p2 = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 2, shared);
        // 3 records in p1, 2 forgotten, then 3 more: 4 held (a full slice), wrapped to its start
        for (long id = 0; id < 3; id++) {
            appendRecord(p1, id);
        }
        p1.forgetBefore(2);
        for (long id = 3; id < 6; id++) {
            appendRecord(p1, id);
        }
        appendRecord(p0, 0);
        appendRecord(p2, 0);
        assertThat(p1.store()).isSameAs(shared).isSameAs(p0.store()).isSameAs(p2.store());
        assertHolds(p1, 2, 6);
        // offsets 2, 3 at slots 4 + 2, 4 + 3; offsets 4, 5 wrapped to slots 4 + 0, 4 + 1: inside p1's slice
        assertThat(p1.slotOf(2)).isEqualTo(PartitionLog.SLICE + 2);
        assertThat(p1.slotOf(4)).isEqualTo(PartitionLog.SLICE);
        assertThat(p1.slotOf(5)).isEqualTo(PartitionLog.SLICE + 1);
        // the neighbours' slices are untouched
        assertThat(p0.slotOf(0)).isZero();
        assertThat(p2.slotOf(0)).isEqualTo(2 * PartitionLog.SLICE);
        assertHolds(p0, 0, 1);
        assertHolds(p2, 0, 1);
        assertThat(ends).containsExactly(1, 6, 1);
    }

    @Test
    void aPartitionFillingItsSliceMovesToAStoreOfItsOwnAndBackWhenReadEmpty() {
        long[] ends = new long[2];
        Messages shared = new Messages(2 * PartitionLog.SLICE);
        PartitionLog p0 = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 0, shared);
        PartitionLog p1 = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 1, shared);
        appendRecord(p0, 100);
        p1.forgetBefore(0); // nothing held: a no-op
        appendRecord(p1, 0);
        p1.forgetBefore(1);
        // the head now sits at slot 1 of the slice: the next SLICE + 1 records wrap, then overflow it
        for (long id = 1; id <= PartitionLog.SLICE + 1; id++) {
            appendRecord(p1, id);
        }
        assertThat(p1.store()).isNotSameAs(shared);
        assertThat(p1.store().capacity()).isEqualTo(2 * PartitionLog.SLICE);
        assertHolds(p1, 1, PartitionLog.SLICE + 2);
        assertThat(p1.slotOf(1)).isZero(); // moved in order, oldest first
        // doubling again in the store of its own
        for (long id = PartitionLog.SLICE + 2; id <= 2 * PartitionLog.SLICE + 1; id++) {
            appendRecord(p1, id);
        }
        assertThat(p1.store().capacity()).isEqualTo(4 * PartitionLog.SLICE);
        assertHolds(p1, 1, 2 * PartitionLog.SLICE + 2);
        // p0's record in the shared store was not disturbed
        assertThat(shared.id(p0.slotOf(0))).isEqualTo(100);
        // read partly: stays in its own store; read empty: back to its slice, from the slice's start
        p1.forgetBefore(5);
        assertThat(p1.store()).isNotSameAs(shared);
        assertHolds(p1, 5, 2 * PartitionLog.SLICE + 2);
        p1.forgetBefore(1000); // beyond the end: forgets what is held, base stops at the end
        assertThat(p1.held()).isZero();
        assertThat(p1.base()).isEqualTo(2 * PartitionLog.SLICE + 2);
        assertThat(p1.store()).isSameAs(shared);
        long next = 2 * PartitionLog.SLICE + 2;
        appendRecord(p1, next);
        assertThat(p1.slotOf(next)).isEqualTo(PartitionLog.SLICE);
        assertHolds(p1, next, next + 1);
        assertThat(ends).containsExactly(1, next + 1);
    }

    @Test
    void aSecondBacklogReusesTheStoreTheFirstGrewIntoWithItsFullSize() {
        long[] ends = new long[1];
        Messages shared = new Messages(PartitionLog.SLICE);
        PartitionLog log = new PartitionLog(Double.POSITIVE_INFINITY, 100, ends, 0, shared);
        // first backlog: 2·SLICE + 1 records, two doublings, to a store of 4·SLICE slots
        long id = 0;
        for (; id <= 2 * PartitionLog.SLICE; id++) {
            appendRecord(log, id);
        }
        Messages own = log.store();
        assertThat(own.capacity()).isEqualTo(4 * PartitionLog.SLICE);
        log.forgetBefore(id); // read empty: back to the slice
        assertThat(log.store()).isSameAs(shared);
        // second backlog: SLICE + 1 records outgrow the slice again and move into the same store,
        // which keeps its full size (the next 3·SLICE - 1 records need no doubling)
        long start = id;
        for (; id <= start + PartitionLog.SLICE; id++) {
            appendRecord(log, id);
        }
        assertThat(log.store()).isSameAs(own);
        assertHolds(log, start, id);
        assertThat(log.slotOf(start)).isZero();
        for (; id < start + 4 * PartitionLog.SLICE; id++) {
            appendRecord(log, id);
        }
        assertThat(log.store()).isSameAs(own);
        assertHolds(log, start, id);
        appendRecord(log, id++); // one more than the kept store holds: a doubling
        assertThat(log.store().capacity()).isEqualTo(8 * PartitionLog.SLICE);
        assertHolds(log, start, id);
    }

    @Test
    void recordsEveryGroupHasCommittedAreForgotten() {
        Engine e = new Engine();
        StreamChannel ch = stream(e, 7 * 86400, 1000, group("fast", 0.1, 0, "earliest"), group("slow", 3, 0, "earliest"));
        produce(e, ch, 100);
        e.runUntil(100.05);
        PartitionLog log = ch.partitions[0];
        assertThat(log.endOffset()).isEqualTo(100);
        // the slow group (3 s a record) has committed about a third: the log holds from there on
        StreamGroup slow = ch.groups.get(1);
        assertThat(log.base()).isEqualTo(slow.committed[0]);
        assertThat(log.held()).isEqualTo((int) (100 - slow.committed[0]));
        assertThat(log.held()).isBetween(60, 70);
        assertThat(log.startOffset()).isZero(); // nothing expired: retention outlasts the run
    }

    @Test
    void aLateGroupAtEarliestPinsTheLogUntilItStarts() {
        Engine e = new Engine();
        StreamChannel ch = stream(e, 7 * 86400, 1000, group("now", 0.1, 0, "earliest"), group("late", 0.1, 50, "earliest"));
        produce(e, ch, 100);
        e.runUntil(49.5);
        assertThat(ch.partitions[0].held()).isEqualTo(49); // all kept for the late group
        e.runUntil(100.5);
        // the late group replayed from offset 0 and caught up: everything read, everything forgotten
        assertThat(ch.groups.get(1).committed[0]).isEqualTo(100);
        assertThat(ch.partitions[0].held()).isZero();
    }

    @Test
    void retentionStillCountsForgottenRecords() {
        Engine e = new Engine();
        StreamChannel ch = stream(e, 10, 1000, group("g", 0.1, 0, "earliest"));
        produce(e, ch, 100);
        e.runUntil(100.5);
        PartitionLog log = ch.partitions[0];
        // at t = 100, records appended before t = 90 have expired: offsets 0..88 (t = 1..89)
        assertThat(log.startOffset()).isEqualTo(89);
        assertThat(log.held()).isZero();
    }

    /**
     * A 1,000-partition stream at 10,000 events/s held every record ever appended (1 GB an hour);
     * now memory follows what is unread. Ten simulated minutes (6 million records, 170 MB if all
     * were held) run in a 96 MiB heap, in a JVM of their own.
     */
    @Test
    @Timeout(600)
    void aKafkaSizedStreamRunsInASmallHeap(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("kafka.yaml");
        Files.writeString(scenario, """
                name: Kafka-sized stream
                duration: 10m
                producers: [{id: p, to: s, arrivals: poisson(10000/s), keys: uniform(100000)}]
                channels: [{id: s, type: stream, partitions: 1000}]
                consumers: [{id: g, from: s, instances: 200, service: exponential(10ms)}]
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = dir.resolve("out.txt").toFile();
        Process p = new ProcessBuilder(List.of(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                "dev.tributary.sim.cli.Main", "run", scenario.toString(), "--csv", "-"))
                .redirectErrorStream(true).redirectOutput(log).start();
        p.waitFor(590, TimeUnit.SECONDS);
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("g,consumer-group").doesNotContain("OutOfMemory");
    }
}

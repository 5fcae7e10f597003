package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.Brokers;
import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.MessageRing;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.EventHandler;
import dev.tributary.sim.kafka.ReplicaPlacement;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.kafka.Murmur2;
import dev.tributary.sim.observe.ModelEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A partitioned, retained log (Kafka-like). The partitioner picks each record's partition;
 * each consumer group reads every partition at its own offsets.
 *
 * <p>With {@code brokers:} each partition has replicas on distinct brokers, the first its leader.
 * When the leader's broker goes down the partition has no leader: records for it wait in their
 * producer's buffer (up to its limit, then they fail; past the delivery timeout they fail too) and
 * its consumers stall. A replica on a live broker takes over after the cluster's {@code failover};
 * with none, the partition waits for a replica's broker to come back. Then the held records are
 * appended in the order they were produced and the consumers go on.
 */
final class StreamChannel extends Channel implements EventHandler {

    private static final int ELECT = 0;
    /** Records emitted by groups (no producer to hold them): held without limit, for the default delivery timeout. */
    private static final Sender EMITTED = new Sender() {
        @Override
        public void unblock() {
        }

        @Override
        public int bufferLimit() {
            return Integer.MAX_VALUE;
        }

        @Override
        public double deliveryTimeout() {
            return dev.tributary.sim.element.ProducerSpec.DEFAULT_DELIVERY_TIMEOUT;
        }
    };

    final StreamSpec spec;
    final PartitionLog[] partitions;
    /** Each partition's log-end offset (the logs read and advance their own entry). */
    final long[] ends;
    final List<StreamGroup> groups = new ArrayList<>();
    private final Engine engine;
    /** This element's id in the engine: scheduling by id stores no reference (see {@link Engine#register}). */
    private final int handler;
    private final Context context;
    /** Each key's partition; chars (0..65535, above MAX_PARTITIONS) halve the table, which every record reads at random. */
    private final char[] keyPartition;
    private final boolean keyHash;
    private final RandomStream stickyRandom;
    private int roundRobin;
    private int sticky = -1;
    private int stickyLeft;
    /** Each partition's log-end offset at the last reset: records appended since are the difference (no counter per record). */
    private final long[] endsAtReset;
    private long total;
    private long lastSample;
    /** The cluster, or null without {@code brokers:} (then the fields below are null and every partition is available). */
    private final Brokers brokers;
    private final int[][] replicas;
    /** Each partition's leader (broker index), −1 while it has none. */
    private final int[] leader;
    private final MessageRing[] held;
    private final java.util.ArrayDeque<Sender>[] heldBy;
    private final Map<Sender, int[]> holding = new java.util.IdentityHashMap<>();
    private final double[] unavailableSince;
    private final double[] unavailableSeconds;
    private long failed;

    StreamChannel(StreamSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.engine = context.engine();
        this.handler = engine.register(this);
        this.context = context;
        this.partitions = new PartitionLog[spec.partitions()];
        this.ends = new long[partitions.length];
        Messages records = new Messages(partitions.length * PartitionLog.SLICE);
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new PartitionLog(spec.retention(), context.horizon(), ends, i, records);
        }
        this.endsAtReset = new long[partitions.length];
        this.stickyRandom = context.random(spec.id(), "sticky");
        // murmur2 of "key-i" is fixed per key: compute the map once, not per record
        this.keyHash = spec.partitioner() == StreamSpec.Partitioner.KEY_HASH;
        this.keyPartition = new char[spec.partitioner() == StreamSpec.Partitioner.KEY_HASH ? context.keySpace() : 0];
        for (int k = 0; k < keyPartition.length; k++) {
            keyPartition[k] = (char) Murmur2.partition(k, partitions.length);
        }
        this.brokers = context.brokers();
        int n = partitions.length;
        if (brokers == null) {
            replicas = null;
            leader = null;
            held = null;
            heldBy = null;
            unavailableSince = null;
            unavailableSeconds = null;
            return;
        }
        // Kafka draws the first broker at random per topic; the channel's position keeps a run a function of its file
        replicas = ReplicaPlacement.place(n, spec.replication(), brokers.spec().count(), index);
        leader = new int[n];
        held = new MessageRing[n];
        @SuppressWarnings("unchecked")
        java.util.ArrayDeque<Sender>[] by = new java.util.ArrayDeque[n];
        heldBy = by;
        unavailableSince = new double[n];
        unavailableSeconds = new double[n];
        for (int p = 0; p < n; p++) {
            leader[p] = replicas[p][0];
        }
        brokers.listen(this::brokerChanged);
    }

    /** Whether partition {@code p} has a leader: producers can append and consumers fetch. */
    boolean available(int p) {
        return leader == null || leader[p] >= 0;
    }

    /** Broker {@code b} went down (its partitions lose their leader) or came back (partitions waiting for it get it). */
    private void brokerChanged(int b, boolean up) {
        double now = engine.now();
        for (int p = 0; p < leader.length; p++) {
            if (!up && leader[p] == b) {
                leader[p] = -1;
                unavailableSince[p] = now;
                tellLeader(now, p);
                for (int r : replicas[p]) {
                    if (r != b && brokers.up(r)) {
                        engine.schedule(brokers.spec().failover(), handler, ELECT, p);
                        break;
                    }
                }
            } else if (up && leader[p] < 0 && contains(replicas[p], b)) {
                lead(p, b, now); // the returning broker is the only live replica: leader at once
            }
        }
    }

    private static boolean contains(int[] xs, int x) {
        for (int v : xs) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    /** The failover is over: the first replica on a live broker leads partition {@code arg}, if it still has no leader. */
    @Override
    public void handle(int kind, long arg) {
        int p = (int) arg;
        if (leader[p] >= 0) {
            return;
        }
        for (int r : replicas[p]) {
            if (brokers.up(r)) {
                lead(p, r, engine.now());
                return;
            }
        }
    }

    /** Broker {@code b} leads partition {@code p} from now: held records are appended, consumers go on. */
    private void lead(int p, int b, double now) {
        leader[p] = b;
        unavailableSeconds[p] += now - unavailableSince[p];
        tellLeader(now, p);
        MessageRing ring = held[p];
        while (ring != null && !ring.isEmpty()) {
            Sender s = heldBy[p].poll();
            int slot = ring.headSlot();
            release(s);
            if (now - ring.store().enqueued(slot) > s.deliveryTimeout()) {
                fail(s);
            } else {
                append(p, ring.store(), slot, now);
            }
            ring.removeHead();
        }
        for (int g = 0, n = groups.size(); g < n; g++) {
            groups.get(g).available(p);
        }
    }

    private void tellLeader(double now, int p) {
        if (context.observed()) {
            context.tell(new ModelEvent.LeaderChanged(now, index, p, leader[p]));
        }
    }

    /** A record for partition {@code p}, which has no leader: its sender holds it if it has room, else it fails. */
    private void hold(int p, Messages from, int slot, Sender sender, double now) {
        Sender s = sender == null ? EMITTED : sender;
        expireHeld(now);
        int[] count = holding.computeIfAbsent(s, x -> new int[1]);
        if (count[0] >= s.bufferLimit()) {
            fail(s);
            return;
        }
        if (held[p] == null) {
            held[p] = new MessageRing();
            heldBy[p] = new java.util.ArrayDeque<>();
        }
        held[p].add(from, slot, now);
        heldBy[p].add(s);
        count[0]++;
        s.buffered(1);
    }

    private void release(Sender s) {
        holding.get(s)[0]--;
        s.buffered(-1);
    }

    private void fail(Sender s) {
        failed++;
        s.failed(1);
    }

    /** Held records past their delivery timeout fail (oldest first in each partition). */
    private void expireHeld(double now) {
        for (int p = 0; p < leader.length; p++) {
            MessageRing ring = held[p];
            while (ring != null && !ring.isEmpty()
                    && now - ring.store().enqueued(ring.headSlot()) > heldBy[p].peek().deliveryTimeout()) {
                Sender s = heldBy[p].poll();
                ring.removeHead();
                release(s);
                fail(s);
            }
        }
    }

    @Override
    public String kind() {
        return "stream";
    }

    private int choosePartition(int key) {
        if (keyHash) { // the common case first, without the enum switch's table
            if (key >= 0) {
                return key < keyPartition.length ? keyPartition[key] : Murmur2.partition(key, partitions.length);
            }
            return nextSticky();
        }
        switch (spec.partitioner()) {
            case KEY_HASH:
                if (key >= 0) {
                    return key < keyPartition.length ? keyPartition[key] : Murmur2.partition(key, partitions.length);
                }
                return nextSticky();
            case ROUND_ROBIN:
                int p = roundRobin;
                roundRobin = (roundRobin + 1) % partitions.length;
                return p;
            default:
                return nextSticky();
        }
    }

    private int nextSticky() {
        if (stickyLeft == 0 || sticky < 0) {
            int n = partitions.length;
            int next = n == 1 ? 0 : stickyRandom.nextInt(n - 1);
            // a different partition from the current one, as Kafka's sticky partitioner does
            sticky = sticky >= 0 && n > 1 && next >= sticky ? next + 1 : next;
            stickyLeft = spec.stickyBatch();
        }
        stickyLeft--;
        return sticky;
    }

    @Override
    public boolean offer(Messages from, int slot, Sender sender) {
        double now = engine.now();
        int key = from.key(slot);
        int p = choosePartition(key);
        if (leader != null && leader[p] < 0) {
            if (key < 0 || spec.partitioner() != StreamSpec.Partitioner.KEY_HASH) {
                // an unkeyed record goes to the next partition that has a leader, as Kafka's partitioners do
                for (int i = 1; i < partitions.length; i++) {
                    int q = (p + i) % partitions.length;
                    if (leader[q] >= 0) {
                        p = q;
                        break;
                    }
                }
            }
            if (leader[p] < 0) {
                hold(p, from, slot, sender, now);
                return true;
            }
        }
        append(p, from, slot, now);
        return true;
    }

    private void append(int p, Messages from, int slot, double now) {
        int key = from.key(slot);
        PartitionLog part = partitions[p];
        part.append(from, slot, now);
        total++;
        context.moved(index, index, key, p);
        long before = part.startOffset;
        if (part.expireBefore(now - spec.retention())) {
            if (context.observed()) {
                context.tell(new ModelEvent.Expired(now, index, p, part.startOffset - before));
            }
            for (int g = 0, n = groups.size(); g < n; g++) {
                groups.get(g).expired(p, part.startOffset);
            }
        }
        for (int g = 0, n = groups.size(); g < n; g++) {
            groups.get(g).appended(p);
        }
        if (groups.isEmpty()) {
            part.forgetBefore(part.endOffset()); // nobody reads it
        }
        // with groups nothing more can be forgotten: the oldest needed offset moves only when a group
        // begins or commits, and both forget up to it then
    }

    /** The oldest offset of partition {@code p} that some group may still read. */
    long oldestNeeded(int p) {
        long min = ends[p];
        for (int g = 0, n = groups.size(); g < n; g++) {
            min = Math.min(min, groups.get(g).oldestNeeded(p));
        }
        return min;
    }

    @Override
    public void reset(double now) {
        System.arraycopy(ends, 0, endsAtReset, 0, ends.length);
        total = 0;
        lastSample = 0;
        if (leader != null) {
            failed = 0;
            Arrays.fill(unavailableSeconds, 0);
            for (int p = 0; p < leader.length; p++) {
                if (leader[p] < 0) {
                    unavailableSince[p] = now;
                }
            }
        }
    }

    @Override
    public void sample(double now, double interval) {
        series("throughput").add(now, (total - lastSample) / interval);
        lastSample = total;
    }

    @Override
    public void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", total / window);
        for (int p = 0; p < partitions.length; p++) {
            out.put("partitions." + p + ".share", total == 0 ? 0 : (double) (ends[p] - endsAtReset[p]) / total);
        }
        long retained = 0;
        for (PartitionLog p : partitions) {
            retained += p.endOffset() - p.startOffset;
        }
        out.put("retained", (double) retained);
        if (leader != null) {
            expireHeld(now);
            double sum = 0;
            long stillHeld = 0;
            for (int p = 0; p < partitions.length; p++) {
                double u = unavailableSeconds[p] + (leader[p] < 0 ? now - unavailableSince[p] : 0);
                out.put("partitions." + p + ".unavailableSeconds", u);
                out.put("partitions." + p + ".leader", leader[p] < 0 ? 0.0 : leader[p] + 1.0);
                sum += u;
                stillHeld += held[p] == null ? 0 : held[p].size();
            }
            out.put("unavailableSeconds", sum);
            out.put("failed", (double) failed);
            out.put("held", (double) stillHeld);
        }
    }

    @Override
    public double gauge(String figure) {
        if (!figure.equals("size")) {
            return Double.NaN;
        }
        long retained = 0;
        for (PartitionLog p : partitions) {
            retained += p.endOffset() - p.startOffset;
        }
        return retained;
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        for (int p = 0; p < partitions.length; p++) {
            out.put("partition." + p + ".end", (double) partitions[p].endOffset());
            out.put("partition." + p + ".start", (double) partitions[p].startOffset);
            if (leader != null) {
                out.put("partition." + p + ".leader", leader[p] < 0 ? 0.0 : leader[p] + 1.0);
            }
        }
    }
}

package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Messages;
import dev.tributary.sim.element.Sender;
import dev.tributary.sim.engine.Engine;
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
 */
final class StreamChannel extends Channel {

    final StreamSpec spec;
    final PartitionLog[] partitions;
    final List<StreamGroup> groups = new ArrayList<>();
    private final Engine engine;
    private final Context context;
    private final int[] keyPartition;
    private final RandomStream stickyRandom;
    private int roundRobin;
    private int sticky = -1;
    private int stickyLeft;
    private final long[] appended;
    private long total;
    private long lastSample;

    StreamChannel(StreamSpec spec, int index, Context context) {
        super(spec.id(), index);
        this.spec = spec;
        this.engine = context.engine();
        this.context = context;
        this.partitions = new PartitionLog[spec.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new PartitionLog(spec.retention(), context.horizon());
        }
        this.appended = new long[partitions.length];
        this.stickyRandom = context.random(spec.id(), "sticky");
        // murmur2 of "key-i" is fixed per key: compute the map once, not per record
        this.keyPartition = new int[spec.partitioner() == StreamSpec.Partitioner.KEY_HASH ? context.keySpace() : 0];
        for (int k = 0; k < keyPartition.length; k++) {
            keyPartition[k] = Murmur2.partition(k, partitions.length);
        }
    }

    @Override
    public String kind() {
        return "stream";
    }

    private int choosePartition(int key) {
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
        PartitionLog part = partitions[p];
        part.append(from, slot, now);
        appended[p]++;
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
        part.forgetBefore(oldestNeeded(p));
        return true;
    }

    /** The oldest offset of partition {@code p} that some group may still read. */
    long oldestNeeded(int p) {
        long min = partitions[p].endOffset;
        for (int g = 0, n = groups.size(); g < n; g++) {
            min = Math.min(min, groups.get(g).oldestNeeded(p));
        }
        return min;
    }

    @Override
    public void reset(double now) {
        Arrays.fill(appended, 0);
        total = 0;
        lastSample = 0;
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
            out.put("partitions." + p + ".share", total == 0 ? 0 : (double) appended[p] / total);
        }
        long retained = 0;
        for (PartitionLog p : partitions) {
            retained += p.endOffset - p.startOffset;
        }
        out.put("retained", (double) retained);
    }

    @Override
    public double gauge(String figure) {
        if (!figure.equals("size")) {
            return Double.NaN;
        }
        long retained = 0;
        for (PartitionLog p : partitions) {
            retained += p.endOffset - p.startOffset;
        }
        return retained;
    }

    @Override
    public void snapshot(Map<String, Double> out) {
        for (int p = 0; p < partitions.length; p++) {
            out.put("partition." + p + ".end", (double) partitions[p].endOffset);
            out.put("partition." + p + ".start", (double) partitions[p].startOffset);
        }
    }
}

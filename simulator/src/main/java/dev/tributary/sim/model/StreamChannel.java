package dev.tributary.sim.model;

import dev.tributary.sim.kafka.Murmur2;

import dev.tributary.sim.engine.Engine;
import dev.tributary.sim.engine.RandomStream;
import dev.tributary.sim.scenario.ChannelSpec.StreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A partitioned, retained log (Kafka-like). The partitioner picks each record's partition;
 * each consumer group reads every partition at its own offsets.
 */
final class StreamChannel extends Element implements Destination {

    final StreamSpec spec;
    final Partition[] partitions;
    final List<StreamGroup> groups = new ArrayList<>();
    private final Engine engine;
    private final Model model;
    private final int[] keyPartition;
    private final RandomStream stickyRandom;
    private int roundRobin;
    private int sticky = -1;
    private int stickyLeft;
    private final long[] appended;
    private long total;
    private long lastSample;

    StreamChannel(StreamSpec spec, int index, Model model, long seed, int keySpace) {
        super(spec.id(), index);
        this.spec = spec;
        this.engine = model.engine();
        this.model = model;
        this.partitions = new Partition[spec.partitions()];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Partition();
        }
        this.appended = new long[partitions.length];
        this.stickyRandom = RandomStream.derive(seed, spec.id(), "sticky");
        // murmur2 of "key-i" is fixed per key: compute the map once, not per record
        this.keyPartition = new int[spec.partitioner() == dev.tributary.sim.scenario.ChannelSpec.Partitioner.KEY_HASH
                ? keySpace : 0];
        for (int k = 0; k < keyPartition.length; k++) {
            keyPartition[k] = Murmur2.partition(k, partitions.length);
        }
    }

    @Override
    String kind() {
        return "stream";
    }

    @Override
    public int index() {
        return index;
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
    public boolean offer(int key, int type, double origin, long id, Producer sender) {
        double now = engine.now();
        int p = choosePartition(key);
        Partition part = partitions[p];
        part.append(now, origin, key, type, id);
        appended[p]++;
        total++;
        model.flow(index, index, key, p);
        if (part.expireBefore(now - spec.retention())) {
            for (int g = 0, n = groups.size(); g < n; g++) {
                groups.get(g).expired(p, part.startOffset);
            }
        }
        for (int g = 0, n = groups.size(); g < n; g++) {
            groups.get(g).appended(p);
        }
        return true;
    }

    @Override
    void reset(double now) {
        java.util.Arrays.fill(appended, 0);
        total = 0;
        lastSample = 0;
    }

    @Override
    void sample(double now, double interval) {
        series("throughput").add(now, (total - lastSample) / interval);
        lastSample = total;
    }

    @Override
    void measure(double now, double window, Map<String, Double> out) {
        out.put("throughput", total / window);
        for (int p = 0; p < partitions.length; p++) {
            out.put("partitions." + p + ".share", total == 0 ? 0 : (double) appended[p] / total);
        }
        long retained = 0;
        for (Partition p : partitions) {
            retained += p.endOffset - p.startOffset;
        }
        out.put("retained", (double) retained);
    }

    @Override
    void snapshot(Map<String, Double> out) {
        for (int p = 0; p < partitions.length; p++) {
            out.put("partition." + p + ".end", (double) partitions[p].endOffset);
            out.put("partition." + p + ".start", (double) partitions[p].startOffset);
        }
    }
}

package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.Channel;
import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Context;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.Element;
import dev.tributary.sim.element.Emitter;
import dev.tributary.sim.element.Topology;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.theory.Network;
import dev.tributary.sim.value.Durations;
import java.util.List;

/**
 * Partitioned, retained log (Kafka-like).
 *
 * @param replication replicas of each partition on distinct brokers (1 without {@code brokers:})
 */
public record StreamSpec(String id, int partitions, Partitioner partitioner, double retention, int stickyBatch,
                         int replication) implements ChannelSpec {

    /** A stream with one replica per partition. */
    public StreamSpec(String id, int partitions, Partitioner partitioner, double retention, int stickyBatch) {
        this(id, partitions, partitioner, retention, stickyBatch, 1);
    }

    /** Default retention: seven days, as Kafka's {@code retention.ms}. */
    public static final double DEFAULT_RETENTION = 7 * 86400;
    /** Events per sticky batch before switching partition. */
    public static final int DEFAULT_STICKY_BATCH = 100;
    /** Most partitions one stream may have. */
    public static final int MAX_PARTITIONS = dev.tributary.sim.theory.CapacityPlan.MAX_PARTITIONS;
    private static final StreamKind KIND = new StreamKind();

    /** How a stream picks an event's partition. */
    public enum Partitioner {
        /** Kafka's default: murmur2 of the key modulo the partition count; unkeyed events go sticky. */
        KEY_HASH,
        /** Partitions in turn, ignoring keys. */
        ROUND_ROBIN,
        /** One partition for a batch of events, then another at random (Kafka's sticky partitioner). */
        STICKY
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> figures() {
        return java.util.List.of("throughput", "retained");
    }

    /** A stream group also offers its lag, in all and per partition ({@code partitions.3.lag}). */
    @Override
    public java.util.List<String> readerFigures(dev.tributary.sim.element.ConsumerSpec reader) {
        return dev.tributary.sim.element.GroupFigures.of(reader, java.util.List.of("lag", "partitions.N.lag"));
    }

    /**
     * A log forgets what every group has read, so it holds little, except for a group that starts
     * late at an offset it must replay from: the log keeps everything appended before that group
     * starts (within retention). 90% of the mean: the count is random.
     */
    @Override
    public double heldAtLeast(double rate, double duration, List<ConsumerSpec> readers) {
        double pinned = 0;
        for (ConsumerSpec c : readers) {
            if (c.start() > 0 && !StreamOptions.of(c).offset().equals("latest")) {
                pinned = Math.max(pinned, Math.min(Math.min(c.start(), duration), retention));
            }
        }
        return 0.9 * rate * pinned;
    }

    @Override
    public boolean onBrokers() {
        return true;
    }

    @Override
    public boolean canRequeue() {
        return false;
    }

    @Override
    public Drawing drawing() {
        return new Drawing(Drawing.Shape.LOG, partitions, Integer.MAX_VALUE);
    }

    @Override
    public String describe() {
        return partitions + " partition" + (partitions == 1 ? "" : "s") + ", partitioner " + Fields.word(partitioner)
                + ", retention " + Durations.format(retention);
    }

    @Override
    public ChannelSpec withLanes(int lanes) {
        return withPartitions(lanes);
    }

    /** A copy with another partition count. */
    public StreamSpec withPartitions(int p) {
        return new StreamSpec(id, Math.max(1, Math.min(MAX_PARTITIONS, p)), partitioner, retention, stickyBatch,
                replication);
    }

    @Override
    public Channel build(int index, Context context) {
        return new StreamChannel(this, index, context);
    }

    @Override
    public Element subscribe(ConsumerSpec c, Channel runtime, int index, Context context, Emitter emitter) {
        StreamChannel sc = (StreamChannel) runtime;
        StreamGroup g = new StreamGroup(c, index, sc, context, emitter);
        sc.groups.add(g);
        return g;
    }

    @Override
    public Network.ChannelNode theory(Topology topology) {
        return new StreamTheory(this, topology);
    }
}

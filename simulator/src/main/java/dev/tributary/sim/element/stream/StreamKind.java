package dev.tributary.sim.element.stream;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerOptions;
import dev.tributary.sim.format.Fields;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code type: stream}: a Kafka-like partitioned log with keys, partitioners, offsets, retention and consumer groups. */
public final class StreamKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "stream";

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "Kafka-like partitioned log: keys, murmur2 key-hash / round-robin / sticky partitioners, offsets, "
                + "retention, consumer groups with one consumer per partition, replay from an offset";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("partitions", "partition count, 1 to " + StreamSpec.MAX_PARTITIONS + " (default 1)");
        k.put("partitioner", "key-hash (default: murmur2 as Kafka, unkeyed events sticky), round-robin or sticky");
        k.put("retention", "how long records are kept (default 7d); unread expired records are counted");
        k.put("sticky-batch", "events per sticky batch before switching partition (default "
                + StreamSpec.DEFAULT_STICKY_BATCH + ")");
        k.put("replication", "replicas of each partition on distinct brokers, 1 to the broker count (default 1;"
                + " needs brokers:)");
        return k;
    }

    @Override
    public Map<String, String> consumerKeys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("assignment", "how partitions are spread over members: range (default) or round-robin");
        k.put("offset", "where the group starts reading: earliest (default), latest or an offset number");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        int partitions = f.integer("partitions", 1, StreamSpec.MAX_PARTITIONS, 1,
                "a partition count from 1 to " + StreamSpec.MAX_PARTITIONS);
        StreamSpec.Partitioner partitioner = f.enumValue("partitioner", StreamSpec.Partitioner.class,
                StreamSpec.Partitioner.KEY_HASH, "key-hash, round-robin or sticky");
        double retention = f.duration("retention", StreamSpec.DEFAULT_RETENTION, false);
        int batch = f.integer("sticky-batch", 1, 1_000_000, StreamSpec.DEFAULT_STICKY_BATCH,
                "events per sticky batch, 1 or more");
        int replication = f.integer("replication", 1, dev.tributary.sim.element.BrokersSpec.MAX_COUNT, 1,
                "a replica count from 1 to the broker count");
        return id == null || partitioner == null || partitions < 1 || replication < 1 ? null
                : new StreamSpec(id, partitions, partitioner, retention, batch, replication);
    }

    @Override
    public ConsumerOptions bindConsumer(Fields f) {
        Assignment assignment = f.enumValue("assignment", Assignment.class, Assignment.RANGE, "range or round-robin");
        String offset = f.text("offset", "earliest, latest or an offset number", StreamOptions.DEFAULT_OFFSET);
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest")
                && !(offset.matches("\\d{1,18}"))) {
            f.problem("offset", "expected earliest, latest or an offset number from 0 to 999999999999999999; got '"
                    + offset + "'");
            offset = null;
        }
        return assignment == null || offset == null ? null : new StreamOptions(assignment, offset);
    }
}

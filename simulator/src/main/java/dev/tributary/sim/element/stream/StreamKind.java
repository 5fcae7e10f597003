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
        k.put("assignment", "how partitions are spread over members (Kafka's assignors): range (default), round-robin, sticky or "
                + "cooperative-sticky");
        k.put("offset", "where the group starts reading: earliest (default), latest or an offset number");
        k.put("commit", "when offsets are committed: auto(INTERVAL) such as auto(5s), per-record or per-batch "
                + "(default: committed as processed)");
        k.put("max-poll-records", "most records one poll returns (default " + CommitPolicy.DEFAULT_MAX_POLL_RECORDS + ")");
        k.put("delivery", "at-most-once, at-least-once (default) or exactly-once (an idempotent consumer)");
        k.put("session-timeout", "a member silent this long after its last heartbeat is removed (default 45s)");
        k.put("heartbeat", "time between a member's heartbeats (default 3s; 5s with rebalance: consumer)");
        k.put("max-poll-interval", "a member that does not poll for this long leaves the group (default 5m)");
        k.put("rebalance", "eager (default), cooperative (default with cooperative-sticky) or consumer (KIP-848)");
        k.put("static", "true: members keep their ids across restarts (group.instance.id; default false)");
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

    private static Membership membership(Fields f, Assignment assignment) {
        Membership d = Membership.DEFAULT;
        Membership.Protocol dflt = assignment == Assignment.COOPERATIVE_STICKY
                ? Membership.Protocol.COOPERATIVE : Membership.Protocol.EAGER;
        Membership.Protocol protocol = f.enumValue("rebalance", Membership.Protocol.class, dflt,
                "eager, cooperative or consumer");
        if (protocol == null) {
            return null;
        }
        if (protocol == Membership.Protocol.COOPERATIVE && assignment != Assignment.COOPERATIVE_STICKY) {
            f.problem("rebalance", "cooperative rebalancing needs an assignor that supports it; expected assignment: "
                    + "cooperative-sticky (Kafka's " + Fields.word(assignment) + " assignor is eager only)");
            return null;
        }
        if (protocol == Membership.Protocol.CONSUMER && f.has("assignment")) {
            // KafkaConsumer refuses partition.assignment.strategy with group.protocol=consumer: the broker assigns
            f.problem("assignment", "does not apply with rebalance: consumer (KIP-848: the broker's uniform assignor"
                    + " decides); expected no assignment key, or another rebalance protocol");
            return null;
        }
        double session = f.duration("session-timeout", d.sessionTimeout(), false);
        double heartbeat = f.duration("heartbeat", protocol == Membership.Protocol.CONSUMER
                ? Membership.CONSUMER_HEARTBEAT : d.heartbeat(), false);
        double maxPoll = f.duration("max-poll-interval", d.maxPollInterval(), false);
        String stat = f.text("static", "true or false", "false");
        if (stat != null && !stat.equals("true") && !stat.equals("false")) {
            f.problem("static", "expected true or false; got '" + stat + "'");
            return null;
        }
        if (Double.isNaN(session) || Double.isNaN(heartbeat) || Double.isNaN(maxPoll) || stat == null) {
            return null;
        }
        if (heartbeat >= session) {
            f.problem("heartbeat", "expected a heartbeat interval shorter than the session timeout ("
                    + dev.tributary.sim.value.Durations.format(session) + "); got "
                    + dev.tributary.sim.value.Durations.format(heartbeat));
            return null;
        }
        return new Membership(session, heartbeat, maxPoll, protocol, stat.equals("true"));
    }

    @Override
    public ConsumerOptions bindConsumer(Fields f) {
        Assignment assignment = f.enumValue("assignment", Assignment.class, Assignment.RANGE,
                "range, round-robin, sticky or cooperative-sticky");
        String offset = f.text("offset", "earliest, latest or an offset number", StreamOptions.DEFAULT_OFFSET);
        if (offset != null && !offset.equals("earliest") && !offset.equals("latest")
                && !(offset.matches("\\d{1,18}"))) {
            f.problem("offset", "expected earliest, latest or an offset number from 0 to 999999999999999999; got '"
                    + offset + "'");
            offset = null;
        }
        int maxPoll = f.integer("max-poll-records", 1, 1_000_000, CommitPolicy.DEFAULT_MAX_POLL_RECORDS,
                "a record count from 1 to 1000000");
        Delivery delivery = f.has("delivery") ? f.enumValue("delivery", Delivery.class, null,
                "at-most-once, at-least-once or exactly-once") : null;
        CommitPolicy commit = f.has("commit")
                ? f.value("commit", t -> CommitPolicy.parse(t, maxPoll), "auto(5s), per-record or per-batch", false)
                : delivery != null ? CommitPolicy.parse("per-record", maxPoll).value() : CommitPolicy.PROCESSED;
        if (delivery == Delivery.AT_MOST_ONCE && commit != null && commit.mode() == CommitPolicy.Mode.AUTO) {
            f.problem("commit", "at-most-once commits each poll before processing it; expected per-batch or per-record "
                    + "with delivery: at-most-once (auto-commit commits after processing: at-least-once)");
            return null;
        }
        if (assignment == null || offset == null || commit == null || (f.has("delivery") && delivery == null)) {
            return null;
        }
        Membership membership = membership(f, assignment);
        return membership == null ? null : new StreamOptions(assignment, offset, commit, delivery, membership);
    }
}

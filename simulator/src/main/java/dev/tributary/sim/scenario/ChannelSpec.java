package dev.tributary.sim.scenario;

import java.util.List;

/** A channel events travel through: a queue, a topic, a partitioned stream or a router. */
public sealed interface ChannelSpec {

    /** The channel's id. */
    String id();

    /** The type word used in scenario files. */
    String type();

    /** What a bounded queue does with an event that finds it full. */
    enum Overflow {
        /** The event is refused and counted as rejected. */
        REJECT,
        /** The producer waits until there is room (backpressure). */
        BLOCK,
        /** The oldest waiting event is discarded to make room. */
        DROP_OLDEST
    }

    /** How a stream picks an event's partition. */
    enum Partitioner {
        /** Kafka's default: murmur2 of the key modulo the partition count; unkeyed events go sticky. */
        KEY_HASH,
        /** Partitions in turn, ignoring keys. */
        ROUND_ROBIN,
        /** One partition for a batch of events, then another at random (Kafka's sticky partitioner). */
        STICKY
    }

    /** Point-to-point queue: one shared FIFO, competing consumers. */
    record QueueSpec(String id, int capacity, Overflow overflow) implements ChannelSpec {
        /** Capacity meaning "unbounded". */
        public static final int UNBOUNDED = Integer.MAX_VALUE;

        @Override
        public String type() {
            return "queue";
        }

        /** Whether the queue has a finite capacity. */
        public boolean bounded() {
            return capacity != UNBOUNDED;
        }
    }

    /** Publish/subscribe topic: each subscribing group gets its own copy of every event. */
    record TopicSpec(String id) implements ChannelSpec {
        @Override
        public String type() {
            return "topic";
        }
    }

    /** Partitioned, retained log (Kafka-like). */
    record StreamSpec(String id, int partitions, Partitioner partitioner, double retention, int stickyBatch)
            implements ChannelSpec {
        /** Default retention: seven days, as Kafka's {@code retention.ms}. */
        public static final double DEFAULT_RETENTION = 7 * 86400;
        /** Events per sticky batch before switching partition. */
        public static final int DEFAULT_STICKY_BATCH = 100;
        /** Most partitions one stream may have. */
        public static final int MAX_PARTITIONS = 10_000;

        @Override
        public String type() {
            return "stream";
        }

        /** A copy with another partition count. */
        public StreamSpec withPartitions(int p) {
            return new StreamSpec(id, p, partitioner, retention, stickyBatch);
        }
    }

    /** Content-based router: the first matching rule wins; unmatched events go to the default (or are dropped). */
    record RouterSpec(String id, List<RouteSpec> routes, String defaultTo) implements ChannelSpec {
        public RouterSpec {
            routes = List.copyOf(routes);
        }

        @Override
        public String type() {
            return "router";
        }
    }

    /**
     * One routing rule: matches on the event type, on a key range, or with a probability.
     *
     * @param eventType match events of this type (or null)
     * @param keyFrom   first key index of a key-range rule (or -1)
     * @param keyTo     last key index, inclusive (or -1)
     * @param probability match with this probability (NaN when not a probability rule)
     */
    record RouteSpec(String eventType, int keyFrom, int keyTo, double probability, String to) {
        /** A rule that matches one event type. */
        public static RouteSpec ofType(String type, String to) {
            return new RouteSpec(type, -1, -1, Double.NaN, to);
        }

        /** A rule that matches with a probability. */
        public static RouteSpec ofProbability(double p, String to) {
            return new RouteSpec(null, -1, -1, p, to);
        }

        /** A rule that matches a key range. */
        public static RouteSpec ofKeys(int from, int toInclusive, String to) {
            return new RouteSpec(null, from, toInclusive, Double.NaN, to);
        }

        /** The rule in words. */
        public String describe() {
            if (eventType != null) {
                return "type = " + eventType;
            }
            if (keyFrom >= 0) {
                return "key in " + keyFrom + ".." + keyTo;
            }
            return "with probability " + probability;
        }
    }
}

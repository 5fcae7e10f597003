package dev.tributary.sim.scenario;

import dev.tributary.sim.distribution.Distribution;
import java.util.List;

/**
 * A consumer group: {@code instances} workers reading from one channel.
 *
 * @param offset where a stream group starts reading: {@code earliest}, {@code latest} or an offset
 * @param start  simulated time at which the group starts consuming (replay when it starts late at earliest)
 */
public record ConsumerSpec(
        String id,
        String from,
        int instances,
        Distribution service,
        List<EmitSpec> emits,
        Assignment assignment,
        String offset,
        double start) {

    /** Default offset for a stream group. */
    public static final String DEFAULT_OFFSET = "earliest";
    /** Most instances one group may have. */
    public static final int MAX_INSTANCES = 10_000;

    public ConsumerSpec {
        emits = List.copyOf(emits);
    }

    /** How a stream's partitions are spread over a group's members (Kafka's assignors). */
    public enum Assignment {
        /** Consecutive ranges of partitions per member. */
        RANGE,
        /** Partition i goes to member i mod N. */
        ROUND_ROBIN;

        /**
         * Kafka's assignors for one stream: member → its partitions. The first P mod N members get
         * one partition more; members beyond the partition count get none.
         */
        public int[][] assign(int partitions, int members) {
            int[][] out = new int[members][];
            int next = 0;
            for (int m = 0; m < members; m++) {
                int count = partitions / members + (m < partitions % members ? 1 : 0);
                out[m] = new int[count];
                for (int i = 0; i < count; i++) {
                    out[m][i] = this == RANGE ? next++ : m + i * members;
                }
            }
            return out;
        }
    }

    /** What a consumer publishes after handling each event. */
    public record EmitSpec(String to, String type, double probability) {
    }

    /** A copy with another instance count. */
    public ConsumerSpec withInstances(int n) {
        return new ConsumerSpec(id, from, n, service, emits, assignment, offset, start);
    }

    /** A copy with another service-time distribution. */
    public ConsumerSpec withService(Distribution d) {
        return new ConsumerSpec(id, from, instances, d, emits, assignment, offset, start);
    }
}

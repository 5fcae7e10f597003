package dev.tributary.sim.kafka;

/**
 * Where a topic's partition replicas go, as Kafka's rack-unaware assignment places them
 * ({@code AdminUtils.assignReplicasToBrokersRackUnaware}, the rule {@code kafka-topics} used for
 * years; KRaft's striped placer spreads leaders the same round-robin way): partition p's first
 * replica, its preferred leader, is broker (p + start) mod N; the others follow it at a shift that
 * grows by one every N partitions, so leaders and followers spread evenly. Kafka draws
 * {@code start} and the first shift at random per topic; Tributary takes both from the stream's
 * position among the scenario's streams, so that a run is a function of its file and two streams do
 * not pile their leaders on the same broker.
 */
public final class ReplicaPlacement {

    private ReplicaPlacement() {
    }

    /**
     * The replicas of each partition, as broker indices 0 … brokers−1, the preferred leader first.
     *
     * @param start the topic's starting broker and first shift (Kafka: random; here the stream's ordinal)
     */
    public static int[][] place(int partitions, int replication, int brokers, int start) {
        if (replication < 1 || replication > brokers) {
            throw new IllegalArgumentException("replication " + replication + " with " + brokers + " brokers");
        }
        int startIndex = Math.floorMod(start, brokers);
        int shift = Math.floorMod(start, brokers);
        int[][] out = new int[partitions][replication];
        for (int p = 0; p < partitions; p++) {
            if (p > 0 && p % brokers == 0) {
                shift++;
            }
            int first = (p + startIndex) % brokers;
            out[p][0] = first;
            for (int j = 0; j < replication - 1; j++) {
                out[p][j + 1] = (first + 1 + (shift + j) % (brokers - 1)) % brokers;
            }
        }
        return out;
    }
}

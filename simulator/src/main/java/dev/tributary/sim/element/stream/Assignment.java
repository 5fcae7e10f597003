package dev.tributary.sim.element.stream;

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

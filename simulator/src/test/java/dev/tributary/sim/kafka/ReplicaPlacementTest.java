package dev.tributary.sim.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Replica placement matches Kafka's rack-unaware assignment. */
class ReplicaPlacementTest {

    /**
     * Kafka's own vector (AdminTest.testReplicaAssignment: brokers 0 … 4, 10 partitions, replication
     * factor 3, fixed start index 0): the shift grows by one after every 5 partitions.
     */
    @Test
    void kafkasVectorForFiveBrokers() {
        int[][] got = ReplicaPlacement.place(10, 3, 5, 0);
        int[][] kafka = {{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 0}, {4, 0, 1},
                         {0, 2, 3}, {1, 3, 4}, {2, 4, 0}, {3, 0, 1}, {4, 1, 2}};
        assertThat(got).isDeepEqualTo(kafka);
    }

    /** Leaders spread round-robin from the stream's start; a second stream starts one broker later. */
    @Test
    void leadersSpreadEvenly() {
        int[][] first = ReplicaPlacement.place(4, 1, 3, 0);
        assertThat(new int[] {first[0][0], first[1][0], first[2][0], first[3][0]}).containsExactly(0, 1, 2, 0);
        int[][] second = ReplicaPlacement.place(4, 2, 3, 1);
        assertThat(second[0][0]).isEqualTo(1);
        for (int[] r : second) {
            assertThat(r[0]).isNotEqualTo(r[1]);
        }
    }
}

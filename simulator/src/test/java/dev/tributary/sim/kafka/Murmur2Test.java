package dev.tributary.sim.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Murmur2Test {

    @Test
    void matchesTheRealKafkaClientOnFourPartitions() {
        int[] expected = {1, 0, 2, 3, 1, 0, 0, 3, 3, 1, 2, 1};
        for (int k = 0; k < expected.length; k++) {
            assertThat(Murmur2.partition(k, 4)).as("key-%d", k).isEqualTo(expected[k]);
        }
    }

    @Test
    void matchesTheRealKafkaClientOnTwelvePartitions() {
        int[] expected = {1, 0, 2, 11, 9, 8, 8, 7, 7, 9, 2, 1};
        for (int k = 0; k < expected.length; k++) {
            assertThat(Murmur2.partition(k, 12)).as("key-%d", k).isEqualTo(expected[k]);
        }
    }

    @Test
    void tenThousandUniformKeysGiveOnePartitionAbout26Percent() {
        int[] counts = new int[4];
        for (int k = 0; k < 10_000; k++) {
            counts[Murmur2.partition(k, 4)]++;
        }
        int max = java.util.Arrays.stream(counts).max().orElseThrow();
        // measured on a real broker: 26.4% of the keys on the busiest partition
        assertThat(max / 10_000.0).isBetween(0.2635, 0.2645);
    }
}

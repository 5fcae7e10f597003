package dev.tributary.sim.kafka;

import java.nio.charset.StandardCharsets;

/**
 * Kafka's default partitioner hash: murmur2 (seed 0x9747b28c) over the key's UTF-8 bytes, masked
 * positive and taken modulo the partition count — the same map a real cluster makes
 * ({@code org.apache.kafka.common.utils.Utils#murmur2} and {@code #toPositive}).
 */
public final class Murmur2 {

    private Murmur2() {
    }

    /** The 32-bit murmur2 hash Kafka computes for {@code data}. */
    public static int hash(byte[] data) {
        int length = data.length;
        int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16)
                    + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        int tail = length4 * 4;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }

    /** The partition Kafka's default partitioner gives the key named {@code key-<index>}. */
    public static int partition(int keyIndex, int partitions) {
        byte[] bytes = ("key-" + keyIndex).getBytes(StandardCharsets.UTF_8);
        return (hash(bytes) & 0x7fffffff) % partitions;
    }
}

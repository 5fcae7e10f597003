package dev.tributary.sim.theory;

import dev.tributary.sim.kafka.Murmur2;
import dev.tributary.sim.value.KeySpec;
import java.util.HashMap;
import java.util.Map;


/**
 * Probability masses of key ranges and of the keys hashed to each partition. One instance per
 * prediction caches what that prediction needs; nothing is kept between predictions (the app makes
 * a new one for every what-if, and 10 million keys cost tens of megabytes).
 */
public final class KeyMass {

    private final Map<KeySpec, double[]> prefixes = new HashMap<>();
    private final Map<String, int[]> partitionOf = new HashMap<>();

    /** P(from ≤ key ≤ to) for the key law (keys are clamped to the law's range). */
    public double between(KeySpec keys, int from, int to) {
        int n = keys.count();
        int a = Math.max(0, from);
        int b = Math.min(n - 1, to);
        if (b < a) {
            return 0;
        }
        if (keys instanceof KeySpec.UniformKeys) {
            return (b - a + 1) / (double) n;
        }
        double[] prefix = prefixes.computeIfAbsent(keys, k -> {
            double[] p = k.probabilities();
            double[] pre = new double[n + 1];
            for (int i = 0; i < n; i++) {
                pre[i + 1] = pre[i] + p[i];
            }
            return pre;
        });
        return prefix[b + 1] - prefix[a];
    }

    /** The key-hash partition of every key index below {@code n}. */
    public int[] partitions(int n, int partitionCount) {
        return partitionOf.computeIfAbsent(n + "/" + partitionCount, x -> {
            int[] out = new int[n];
            for (int k = 0; k < n; k++) {
                out[k] = Murmur2.partition(k, partitionCount);
            }
            return out;
        });
    }

    /** Probability of each key under the law (uniform: all equal). */
    public double probability(KeySpec keys, int k) {
        if (keys instanceof KeySpec.UniformKeys u) {
            return 1.0 / u.count();
        }
        return between(keys, k, k);
    }
}
